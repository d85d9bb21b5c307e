import { z } from 'zod';
import { queryParam } from './query-param';

// The audit log's filters, parsed from GET query parameters by the page, the CSV export and lib/queries.
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcomeFilter = (typeof AUDIT_OUTCOMES)[number];

/** `integration=none` selects console events that belong to no integration (sign-ins, console users). */
export const NO_INTEGRATION = 'none';

const day = z.iso.date('Enter a date as YYYY-MM-DD');

const filterFields = z.object({
  integration: queryParam(z.string().regex(/^(none|int_[A-Za-z0-9]{20})$/, 'Choose an integration from the list')),
  actor: queryParam(z.string().max(200, 'Use at most 200 characters')),
  action: queryParam(
    z.string().regex(/^[\w.:-]{1,100}\*?$/, 'Choose an action, or type a prefix ending in * (like integration.*)'),
  ),
  target: queryParam(z.string().max(200, 'Use at most 200 characters')),
  outcome: queryParam(z.enum(AUDIT_OUTCOMES, 'Choose success, failure or denied')),
  from: queryParam(day),
  to: queryParam(day),
});

// Checked even when another field is invalid (`when`), so every mistake is reported at once.
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const inOrder = (f: { from?: unknown; to?: unknown }) => !isDay(f.from) || !isDay(f.to) || f.from <= f.to;
const dateOrder = {
  path: ['to'],
  message: 'The end date is before the start date',
  when: (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null,
};

export const auditFilterSchema = filterFields.refine(inOrder, dateOrder);

export type AuditFilter = z.output<typeof auditFilterSchema>;

/** Filters plus the page cursor: what /audit and /api/audit/export accept. */
// A damaged cursor is not the user's mistake to fix: it falls back to the newest page.
export const auditQuerySchema = filterFields
  .extend({ cursor: queryParam(z.string().max(200)).catch(undefined) })
  .refine(inOrder, dateOrder);

export const AUDIT_FILTER_KEYS = [
  'integration',
  'actor',
  'action',
  'target',
  'outcome',
  'from',
  'to',
] as const satisfies ReadonlyArray<keyof AuditFilter>;

/** The filters as query parameters (empty ones left out), for links that keep the current view. */
export function auditFilterParams(
  filter: Partial<AuditFilter>,
  extra: Record<string, string | undefined> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params;
}

export const isFiltered = (filter: Partial<AuditFilter>) => AUDIT_FILTER_KEYS.some((k) => Boolean(filter[k]));
