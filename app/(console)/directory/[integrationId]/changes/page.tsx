import { AccessCard } from '@/components/directory/access-card';
import { AccessHistory } from '@/components/directory/access-history';
import { Field } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { requireUser } from '@/lib/auth/guard';
import { outsideChanges } from '@/lib/queries/history';
import { changesFilterSchema, changesSince, type ChangesFilter } from '@/lib/validations/changes';
import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';

export const metadata: Metadata = { title: 'Changes made outside the console' };

const FIELDS = [
  ['since', 'Since (date, UTC)', 'date'],
  ['user', 'User (Okta id)', 'text'],
  ['group', 'Group (Okta id)', 'text'],
  ['app', 'App (Okta id)', 'text'],
  ['actor', 'Actor (Okta id)', 'text'],
] as const;

export default async function ChangesPage({
  params,
  searchParams,
}: {
  params: Promise<{ integrationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { integrationId } = await params;
  await requireUser('viewer');
  const raw = await searchParams;
  const parsed = changesFilterSchema.safeParse(raw);
  const filter: ChangesFilter = parsed.success ? parsed.data : {};
  const errors = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
  const values = Object.fromEntries(FIELDS.map(([name]) => [name, typeof raw[name] === 'string' ? raw[name] : '']));
  const since = changesSince(filter);
  const result = parsed.success
    ? await outsideChanges(
        integrationId,
        { since, userId: filter.user, groupId: filter.group, appId: filter.app, actorId: filter.actor },
        filter.page,
      )
    : null;
  const here = `/directory/${integrationId}/changes`;
  const kept = Object.fromEntries(FIELDS.flatMap(([name]) => (filter[name] ? [[name, filter[name]]] : [])));
  const hrefFor = (page: string | null | undefined) =>
    page === undefined
      ? undefined
      : `${here}?${new URLSearchParams({ ...kept, ...(page ? { page } : {}) }).toString()}`;
  const exportHref = `/api/directory/${integrationId}/changes/export?${new URLSearchParams(kept).toString()}`;
  return (
    <AccessCard
      title="Changes made outside the console"
      description={`Membership and assignment changes in Okta’s System Log since ${since.toISOString().slice(0, 10)} that this console did not make: the Admin Console, group rules, other tools. Newest first.`}
    >
      <form method="get" action={here} className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
        {FIELDS.map(([name, label, type]) => (
          <Field key={name} name={name} label={label} type={type} defaultValue={values[name]} error={errors[name]} />
        ))}
        <div className="flex flex-wrap gap-2">
          <Button type="submit">Filter</Button>
          <Button asChild variant="outline">
            <Link href={here}>Clear</Link>
          </Button>
        </div>
      </form>
      {result && result.state !== 'no_scope' ? (
        <p className="text-sm">
          <a href={exportHref} className="underline underline-offset-4" download>
            Export CSV
          </a>{' '}
          <span className="text-muted-foreground">(every matching change since that date, oldest first)</span>
        </p>
      ) : null}
      {result ? (
        <AccessHistory
          label="Changes made outside the console"
          result={result}
          base={`/directory/${integrationId}`}
          integrationId={integrationId}
          hrefFor={hrefFor}
          empty="No membership or assignment changes outside the console in that time."
        />
      ) : null}
    </AccessCard>
  );
}
