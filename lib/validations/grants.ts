import { GRANT_CURSOR, GRANT_LISTS, type GrantList } from '@/lib/grants/rules';
import { z } from 'zod';
import { firstParam } from './query-param';
import { integrationId } from './setup';

// Time-bound grants: the end and reason of a change (forms, actions, the automation API) and a grant's management.
const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

/** An instant with its offset (the form sends UTC, computed from the admin's time zone). */
export const expiresAt = z.iso
  .datetime({ offset: true, error: 'Give the end as a date and time with its offset, e.g. 2026-05-01T12:00:00Z' })
  .transform((v) => new Date(v));

export const grantReason = z
  .string('Give a reason for the time-bound access: it is kept in the audit log')
  .trim()
  .min(1, 'Give a reason for the time-bound access: it is kept in the audit log')
  .max(500, 'Keep the reason to 500 characters');

/** The optional end of a change and its reason, required with an end (a change without an end is permanent). */
export const timeBoundFields = {
  expiresAt: z.preprocess(blank, expiresAt.optional()),
  reason: z.preprocess(blank, z.string().optional()),
};

/** Checks the reason of a change that has an end (kept apart so it runs on every schema that takes one). */
export function requireReason(v: { expiresAt?: Date; reason?: string }, ctx: z.RefinementCtx): void {
  if (v.expiresAt === undefined) return;
  const reason = grantReason.safeParse(v.reason ?? '');
  if (!reason.success) ctx.addIssue({ code: 'custom', path: ['reason'], message: reason.error.issues[0]!.message });
}

export const grantId = z
  .string()
  .trim()
  .regex(/^grt_[A-Za-z0-9]{20}$/, 'Unknown grant');

export const grantRefSchema = z.object({ integrationId, grantId });
export const extendGrantSchema = z.object({ integrationId, grantId, expiresAt });

/** The Temporary access page's lists, as its filter names them. */
export const GRANT_LIST_LABELS: Record<GrantList, string> = {
  open: 'Active and overdue',
  active: 'Active',
  overdue: 'Overdue',
  ended: 'Recently ended',
  permanent: 'Made permanent',
};

/** The Temporary access page's filters (GET query): which list, who or what, ends before a day (UTC). */
export const grantFilterSchema = z
  .object({
    list: z.preprocess(firstParam, z.enum(GRANT_LISTS, 'Choose a list').default('open')),
    q: z.preprocess(firstParam, z.string().max(200, 'Use at most 200 characters').optional()),
    endsBefore: z.preprocess(firstParam, z.iso.date('Enter a date as YYYY-MM-DD').optional()),
    cursor: z.preprocess(firstParam, z.string().regex(GRANT_CURSOR, 'That page link is not valid').optional()),
  })
  .transform(({ endsBefore, ...f }) => ({
    ...f,
    endsBeforeText: endsBefore,
    endsBefore: endsBefore ? new Date(`${endsBefore}T00:00:00Z`) : undefined,
  }));
