import { KINDS } from '@/lib/access/kinds';
import { ITEM_STATUSES, ITEMS_PAGE_MAX, JOB_KINDS, MAX_INPUT_CHARS } from '@/lib/jobs/types';
import { z } from 'zod';
import { OKTA_ID } from './access';
import { requireReason, timeBoundFields } from './grants';
import { integrationId } from './setup';

// Bulk jobs: the shared schemas of the bulk form, its actions and the polling route.
export const jobId = z
  .string()
  .trim()
  .regex(/^job_[A-Za-z0-9]{20}$/, 'Unknown bulk job');

const kind = z.enum(JOB_KINDS, 'Choose what to do: add to or remove from a group, assign or unassign an app');

export const previewBulkJobSchema = z
  .object({
    integrationId,
    kind,
    targetId: z.string().trim().min(1, 'Choose the group or app'),
    text: z
      .string('Paste users or upload a file')
      .max(
        MAX_INPUT_CHARS,
        `That is more than ${MAX_INPUT_CHARS.toLocaleString('en')} characters: split it into several jobs`,
      )
      .refine((t) => t.trim() !== '', 'Paste users (logins, emails or Okta user ids) or upload a file'),
    // A job that gives access may end (each landed row becomes a time-bound grant).
    ...timeBoundFields,
  })
  .superRefine((v, ctx) => {
    const target = OKTA_ID[KINDS[v.kind].relation.resource].safeParse(v.targetId);
    if (!target.success) ctx.addIssue({ code: 'custom', path: ['targetId'], message: target.error.issues[0]!.message });
    requireReason(v, ctx);
  });

export const jobRefSchema = z.object({ jobId });

export const jobItemsQuery = z.object({
  status: z.enum(ITEM_STATUSES, `status is one of ${ITEM_STATUSES.join(', ')}`).optional(),
  cursor: z.coerce
    .number('cursor is a row number')
    .int('cursor is a row number')
    .min(0, 'cursor is a row number')
    .optional(),
  limit: z.coerce
    .number('limit is a number')
    .int('limit is a whole number')
    .min(1, 'limit is at least 1')
    .max(ITEMS_PAGE_MAX, `limit is at most ${ITEMS_PAGE_MAX}`)
    .default(100),
});
export type JobItemsQuery = z.output<typeof jobItemsQuery>;
