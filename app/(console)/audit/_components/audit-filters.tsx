'use client';

import { Filter, X } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition, type FormEvent, type ReactNode } from 'react';

import { Field } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/select';
import { AUDIT_OUTCOMES, NO_INTEGRATION, type AUDIT_FILTER_KEYS } from '@/lib/validations/audit';

type FilterKey = (typeof AUDIT_FILTER_KEYS)[number];

export type AuditFiltersProps = {
  integrations: Array<{ id: string; name: string }>;
  /** Action names seen in the log; grouped by their prefix, each group also selectable as `prefix.*`. */
  actions: string[];
  /** What the URL holds now, valid or not, so a mistyped filter can be corrected in place. */
  values: Partial<Record<FilterKey, string>>;
  errors?: Partial<Record<FilterKey, string[]>>;
};

const OUTCOME_LABELS = { success: 'Success', failure: 'Failure', denied: 'Denied' } as const;

function groupActions(actions: string[], current?: string) {
  const groups = new Map<string, string[]>();
  for (const name of actions) {
    const prefix = name.includes('.') ? name.slice(0, name.indexOf('.')) : name;
    groups.set(prefix, [...(groups.get(prefix) ?? []), name]);
  }
  const known = new Set([...actions, ...[...groups.keys()].map((p) => `${p}.*`)]);
  return { groups: [...groups.entries()], other: current && !known.has(current) ? current : undefined };
}

/**
 * GET filters for the audit log: submitting navigates to /audit?… (empty fields left out), so every
 * filtered view is a link; without JavaScript the browser submits the same query itself.
 */
export function AuditFilters({ integrations, actions, values, errors }: AuditFiltersProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const { groups, other } = groupActions(actions, values.action);
  const deletedIntegration =
    values.integration &&
    values.integration !== NO_INTEGRATION &&
    !integrations.some((i) => i.id === values.integration)
      ? values.integration
      : undefined;

  /** A filter picked from a list, the URL's value chosen. */
  const select = (name: FilterKey, label: string, options: ReactNode) => (
    <Field name={name} label={label} error={errors?.[name]}>
      {(control) => (
        <NativeSelect {...control} defaultValue={values[name] ?? ''}>
          {options}
        </NativeSelect>
      )}
    </Field>
  );
  /** A filter typed in (matched loosely by the query), the URL's value filled in. */
  const text = (name: FilterKey, label: string, placeholder: string) => (
    <Field
      name={name}
      label={label}
      placeholder={placeholder}
      defaultValue={values[name] ?? ''}
      error={errors?.[name]}
      autoComplete="off"
    />
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget))
      if (typeof value === 'string' && value.trim()) params.set(key, value.trim());
    const query = params.toString();
    startTransition(() => router.push(query ? `/audit?${query}` : '/audit'));
  }

  return (
    <search aria-label="Filter audit events">
      <form
        action="/audit"
        method="get"
        onSubmit={onSubmit}
        className="grid gap-4 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        {select(
          'integration',
          'Integration',
          <>
            <option value="">All integrations</option>
            <option value={NO_INTEGRATION}>Console (no integration)</option>
            {integrations.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
            {deletedIntegration ? (
              <option value={deletedIntegration}>Deleted integration ({deletedIntegration})</option>
            ) : null}
          </>,
        )}
        {text('actor', 'Actor', 'Email, name or console user id')}
        {select(
          'action',
          'Action',
          <>
            <option value="">Any action</option>
            {other ? <option value={other}>{other}</option> : null}
            {groups.map(([prefix, names]) => (
              <optgroup key={prefix} label={prefix}>
                <option value={`${prefix}.*`}>All {prefix} actions</option>
                {names.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </optgroup>
            ))}
          </>,
        )}
        {text('target', 'Target', 'User, group or app: id or name')}
        {select(
          'outcome',
          'Outcome',
          <>
            <option value="">Any outcome</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
          </>,
        )}
        <Field name="from" label="From (UTC)" type="date" defaultValue={values.from ?? ''} error={errors?.from} />
        <Field name="to" label="To (UTC, inclusive)" type="date" defaultValue={values.to ?? ''} error={errors?.to} />
        <div className="flex items-end gap-2">
          <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
            <Filter aria-hidden="true" />
            Apply filters
          </Button>
          <Button asChild variant="ghost">
            <Link href="/audit">
              <X aria-hidden="true" />
              Clear
            </Link>
          </Button>
        </div>
      </form>
    </search>
  );
}
