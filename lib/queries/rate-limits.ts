import 'server-only';

import { KINDS, type KindId } from '@/lib/access/kinds';
import { oktaFor } from '@/lib/integrations/okta-for';
import { BUCKET_LABEL, bucketFor, type BucketView } from '@/lib/okta';

export type RateLimitRow = BucketView & { label: string };

/**
 * The rate-limit buckets this console process has used for an integration, as Okta last described them (no call
 * to Okta: the client keeps what each answer said). Empty before the first call, or when the integration cannot
 * open its client (its key no longer opens; the page says so elsewhere).
 */
export async function rateLimitsOf(integrationId: string): Promise<RateLimitRow[]> {
  let buckets: BucketView[];
  try {
    buckets = (await oktaFor(integrationId)).client.rateLimits();
  } catch {
    return [];
  }
  return buckets
    .map((b) => ({ ...b, label: BUCKET_LABEL[b.bucket] ?? b.bucket }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Where a kind's writes count: memberships in the groups bucket, assignments in the apps bucket. */
const WRITE_PATH = { group: '/api/v1/groups/g/users/u', app: '/api/v1/apps/a/users/u' } as const;

/** The bucket a bulk job's writes spend, as Okta last described it (null before the first call). */
export async function jobPace(integrationId: string, kind: KindId): Promise<RateLimitRow | null> {
  const bucket = bucketFor('PUT', WRITE_PATH[KINDS[kind].relation.resource]);
  return (await rateLimitsOf(integrationId)).find((b) => b.bucket === bucket) ?? null;
}
