'use client';

import { Field } from '@/components/forms/field';
import { NativeSelect } from '@/components/ui/select';
import type { FieldErrors } from '@/lib/actions/result';
import { GRANT_PRESETS, spellDuration, type GrantLimits } from '@/lib/grants/rules';
import { formatUtc } from '@/lib/utils';
import { useState } from 'react';

// When a change that gives access ends: never (permanent), after a preset, or at a date and time in the admin's
// time zone, shown with UTC; a reason with any end. The server checks the end again (lib/grants/rules.ts).
export interface GrantEnd {
  /** '' (no end), a preset's milliseconds, or 'custom'. */
  choice: string;
  /** The date-time picker's value, in the browser's time zone. */
  custom: string;
  reason: string;
  /** When the duration was chosen: its preview counts from then (the action from the moment it is sent). */
  at: number;
}

const localFormat = (d: Date) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The end as the actions take it: `expiresAt` in UTC (ISO) and the reason; none for a permanent change. */
export function grantEndInput(v: GrantEnd, now = Date.now()): { expiresAt?: string; reason?: string } {
  if (v.choice === '') return {};
  const end = v.choice === 'custom' ? new Date(v.custom) : new Date(now + Number(v.choice));
  // An unparsable picker value goes to the server as such, which names the field.
  return { expiresAt: Number.isNaN(end.getTime()) ? v.custom || 'missing' : end.toISOString(), reason: v.reason };
}

export function useGrantEnd() {
  const [value, setValue] = useState<GrantEnd>({ choice: '', custom: '', reason: '', at: 0 });
  return { value, setValue, reset: () => setValue({ choice: '', custom: '', reason: '', at: 0 }) };
}

/** The offered durations: the presets within the limits, and a test-only one when the minimum is under a minute. */
function choices(limits: GrantLimits) {
  const presets = GRANT_PRESETS.filter((p) => p.ms >= limits.minMs && p.ms <= limits.maxMs).map((p) => ({
    label: p.label,
    ms: p.ms,
  }));
  return limits.minMs < 60_000
    ? [{ label: `${spellDuration(limits.minMs)} (test only: GRANT_MIN_SECONDS)`, ms: limits.minMs }, ...presets]
    : presets;
}

export function GrantEndFields({
  limits,
  value,
  onChange,
  errors,
  permanent = true,
}: {
  limits: GrantLimits;
  value: GrantEnd;
  onChange: (v: GrantEnd) => void;
  errors?: FieldErrors;
  /** Offer "No end" (a change); a grant's new end has none. */
  permanent?: boolean;
}) {
  const end =
    value.choice === ''
      ? null
      : value.choice === 'custom'
        ? value.custom
          ? new Date(value.custom)
          : null
        : new Date(value.at + Number(value.choice));
  return (
    <div className="flex flex-wrap items-start gap-2">
      <Field name="duration" label="Access ends" className="w-56">
        <NativeSelect
          value={value.choice}
          onChange={(e) => onChange({ ...value, choice: e.currentTarget.value, at: Date.now() })}
        >
          {permanent ? <option value="">Never (permanent)</option> : <option value="">Choose…</option>}
          {choices(limits).map((c) => (
            <option key={c.ms} value={String(c.ms)}>
              After {c.label}
            </option>
          ))}
          <option value="custom">At a date and time…</option>
        </NativeSelect>
      </Field>
      {value.choice === 'custom' ? (
        <Field
          name="endsAt"
          label={`Ends at (${timeZone()})`}
          type="datetime-local"
          className="w-60"
          value={value.custom}
          onChange={(e) => onChange({ ...value, custom: e.currentTarget.value })}
          error={errors?.expiresAt}
        />
      ) : null}
      {permanent && value.choice !== '' ? (
        <Field
          name="reason"
          label="Reason"
          className="w-72 max-w-full"
          placeholder="Kept in the audit log"
          value={value.reason}
          onChange={(e) => onChange({ ...value, reason: e.currentTarget.value })}
          error={errors?.reason}
          maxLength={500}
        />
      ) : null}
      {end && !Number.isNaN(end.getTime()) ? (
        <p className="basis-full text-xs text-muted-foreground" aria-live="polite">
          Ends {localFormat(end)} ({timeZone()}) · {formatUtc(end)}
        </p>
      ) : null}
      {value.choice !== 'custom' && errors?.expiresAt ? (
        <p className="basis-full text-sm text-destructive">{errors.expiresAt[0]}</p>
      ) : null}
    </div>
  );
}
