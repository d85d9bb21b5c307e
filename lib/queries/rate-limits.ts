import 'server-only';

import { KINDS, type KindId } from '@/lib/access/kinds';
import { oktaFor } from '@/lib/integrations/okta-for';
import { BUCKET_LABEL, type BucketView } from '@/lib/okta';

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

/** The bucket a bulk job's writes spend, as Okta last described it (null before the first call). */
export async function jobPace(integrationId: string, kind: KindId): Promise<RateLimitRow | null> {
  const { bucket } = KINDS[kind].relation;
  return (await rateLimitsOf(integrationId)).find((b) => b.bucket === bucket) ?? null;
}
