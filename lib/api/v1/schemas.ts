import { GRANT_KIND_IDS, KINDS } from '@/lib/access/kinds';
import { GRANT_CURSOR, GRANT_LISTS } from '@/lib/grants/rules';
import { HEADERS } from '@/lib/jobs/parse';
import { JOB_KINDS, MAX_ENTRIES } from '@/lib/jobs/types';
import { JOB_CURSOR } from '@/lib/jobs/views';
import { OKTA_ID_PREFIX } from '@/lib/validations/access';
import { pageToken } from '@/lib/validations/paging';
import { searchTerm } from '@/lib/validations/search';
import { z } from 'zod';

// Path, query and body schemas of the automation API. Ids are Okta's (00u users, 00g groups, 0oa apps).
const oktaId = (what: string, prefix: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${prefix}[A-Za-z0-9]{17}$`),
      `Must be an Okta ${what} id: ${prefix} followed by 17 letters or digits`,
    );

const integrationId = z
  .string()
  .regex(/^int_[A-Za-z0-9]{20}$/, 'Must be a console integration id (int_…), as listed by GET /api/v1/integrations');
const userId = oktaId('user', OKTA_ID_PREFIX.user);
const groupId = oktaId('group', OKTA_ID_PREFIX.group);
const appId = oktaId('app', OKTA_ID_PREFIX.app);
const OKTA_ID = { user: userId, group: groupId, app: appId };

/** What a directory list's cursor is, said when one is refused. */
export const CURSOR_RULE = 'cursor is the nextCursor of the previous answer, for the same q and limit';

export const integrationParams = z.object({ integrationId });
export const membershipParams = z.object({ integrationId, groupId, userId });
export const appUserParams = z.object({ integrationId, appId, userId });
export const appGroupParams = z.object({ integrationId, appId, groupId });

/**
 * A directory list's page: `limit` people, groups or apps (1–200 as Okta's lists allow, default 50, as the console
 * pages); `cursor` is the `nextCursor` of the previous answer (bound to the same `q` and `limit`).
 */
export const listQuery = z.object({
  q: searchTerm,
  limit: z.coerce
    .number('limit is a number')
    .int('limit is a whole number')
    .min(1, 'limit is at least 1')
    .max(200, 'limit is at most 200')
    .default(50),
  cursor: pageToken(CURSOR_RULE),
});

const priority = z
  .number('priority must be a number')
  .int('priority is a whole number')
  .min(0, 'priority starts at 0')
  .max(100, 'priority is at most 100');

/**
 * The body of a change that gives access: permanent, or until `expiresAt` (ISO 8601 with its offset) with a
 * `reason`, required then and kept in the audit log (a time-bound grant).
 */
const untilFields = {
  expiresAt: z.iso
    .datetime({
      offset: true,
      error: 'expiresAt is a date and time in ISO 8601 with its offset, e.g. 2026-05-01T12:00:00Z',
    })
    .transform((v) => new Date(v))
    .optional(),
  reason: z.string('reason is a string').max(500, 'reason is at most 500 characters').optional(),
};

/** expiresAt and reason go together. */
function checkUntil(v: { expiresAt?: Date; reason?: string }, ctx: z.RefinementCtx) {
  if (v.expiresAt && !v.reason?.trim())
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reason is required with expiresAt' });
  if (!v.expiresAt && v.reason !== undefined)
    ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'reason goes with expiresAt: send both' });
}

const grantBody = <T extends z.ZodRawShape>(shape: T, names: string) =>
  z
    .strictObject(
      { ...shape, ...untilFields },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? `Unknown field ${issue.keys.join(', ')}: the body takes ${names}`
            : 'The body must be a JSON object',
      },
    )
    .superRefine((body, ctx) => checkUntil(body as { expiresAt?: Date; reason?: string }, ctx));

/** Adds a member or assigns an app to a user: optionally until `expiresAt`. */
export const grantChangeBody = grantBody({}, 'expiresAt and reason');
export const assignGroupBody = grantBody({ priority: priority.optional() }, 'priority, expiresAt and reason');

/** A grant's change: a new end, or kept for good. */
export const grantPatchBody = z
  .strictObject(
    {
      expiresAt: z.iso
        .datetime({ offset: true, error: 'expiresAt is a date and time in ISO 8601 with its offset' })
        .transform((v) => new Date(v))
        .optional(),
      permanent: z.literal(true, 'permanent is true (keep the access for good)').optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `Unknown field ${issue.keys.join(', ')}: the body takes expiresAt or permanent`
          : 'The body must be a JSON object',
    },
  )
  .refine((v) => (v.expiresAt === undefined) !== (v.permanent === undefined), {
    path: ['expiresAt'],
    message: 'Send either expiresAt (a new end) or "permanent": true',
  });

const grantId = z.string().regex(/^grt_[A-Za-z0-9]{20}$/, 'Must be a grant id (grt_…), as listed by GET …/grants');
export const grantParams = z.object({ integrationId, grantId });

export const grantListQuery = z.object({
  list: z.enum(GRANT_LISTS, `list is one of ${GRANT_LISTS.join(', ')}`).default('open'),
  q: z.string().trim().max(200, 'q is at most 200 characters').optional(),
  kind: z.enum(GRANT_KIND_IDS, `kind is one of ${GRANT_KIND_IDS.join(', ')}`).optional(),
  endsBefore: z.iso
    .datetime({ offset: true, error: 'endsBefore is a date and time in ISO 8601 with its offset' })
    .transform((v) => new Date(v))
    .optional(),
  cursor: z.string().regex(GRANT_CURSOR, 'cursor is the nextCursor of the previous page').optional(),
  limit: z.coerce
    .number('limit is a number')
    .int('limit is a whole number')
    .min(1, 'limit is at least 1')
    .max(100, 'limit is at most 100')
    .default(50),
});

// Bulk jobs. Each entry becomes one line of the console's paste box, so the API's `line` is the entry's
// 1-based position; line breaks would shift that, and a first entry named like a column would be read as a header.
const jobId = z.string().regex(/^job_[A-Za-z0-9]{20}$/, 'Must be a bulk job id (job_…), as answered by POST …/jobs');
export const jobParams = z.object({ integrationId, jobId });

export const jobListQuery = z.object({
  cursor: z.string().regex(JOB_CURSOR, 'cursor is the nextCursor of the previous page').optional(),
  limit: z.coerce
    .number('limit is a number')
    .int('limit is a whole number')
    .min(1, 'limit is at least 1')
    .max(100, 'limit is at most 100')
    .default(20),
});

const entry = z
  .string('Each entry is a string: a login, an email or an Okta user id')
  .max(200, 'An entry is at most 200 characters')
  .refine((e) => e.trim() !== '', 'An entry is empty')
  .refine((e) => !/[\r\n]/.test(e), 'An entry is one user: no line breaks');

export const createJobBody = z
  .strictObject(
    {
      kind: z.enum(JOB_KINDS, `kind is one of ${JOB_KINDS.join(', ')}`),
      targetId: z.string('targetId is the Okta group id (00g…) or app id (0oa…)'),
      entries: z
        .array(entry, 'entries is an array of logins, emails or Okta user ids')
        .min(1, 'entries needs at least one user')
        .max(MAX_ENTRIES, `At most ${MAX_ENTRIES.toLocaleString('en')} entries a job: split the list into several jobs`)
        .refine(
          (list) => !HEADERS.includes(list[0]?.trim().toLowerCase() ?? ''),
          'The first entry looks like a column header: send only users',
        ),
      confirm: z.boolean('confirm is true or false').optional(),
      // A job that gives access may end: each row that lands becomes a time-bound grant.
      ...untilFields,
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `Unknown field ${issue.keys.join(', ')}: the body takes kind, targetId, entries, confirm, expiresAt and reason`
          : 'The body must be a JSON object',
    },
  )
  .superRefine((v, ctx) => {
    checkUntil(v, ctx);
    const resource = KINDS[v.kind].relation.resource;
    if (!OKTA_ID[resource].safeParse(v.targetId).success)
      ctx.addIssue({
        code: 'custom',
        path: ['targetId'],
        message: `Must be an Okta ${resource} id (${OKTA_ID_PREFIX[resource]}…) for ${v.kind}`,
      });
  });
export type CreateJobBody = z.output<typeof createJobBody>;
