import 'server-only';

import { oktaFor } from '@/lib/integrations/okta-for';
import type { OktaClient } from '@/lib/okta';

// How much a worker that claims leased rows (the bulk worker, the expiry worker) takes on for one integration:
// what its Okta client's limiter can send soon, so that rows do not wait at the limiter holding their leases (and
// other processes get theirs), but always up to the client's concurrency, so that a new rate-limit window is
// spent from its first moment.

/** Rows a worker takes on beyond what is in flight: what the integration's limiter can send within this time. */
const CLAIM_HORIZON_MS = 1_000;
const CLIENT_TTL_MS = 30_000;

/**
 * How many more rows whose calls spend `bucket` to claim, with `mine` of them in flight: between the client's
 * concurrency and twice that, by what the bucket lets start within the horizon; refilled in batches of half the
 * concurrency or more (a pass per finished row would otherwise claim one row at a time).
 */
export function claimSize(client: Pick<OktaClient, 'concurrency' | 'readyIn'>, bucket: string, mine: number): number {
  const ready = client.readyIn(bucket, CLAIM_HORIZON_MS);
  const target = Math.min(client.concurrency * 2, Math.max(client.concurrency, mine + ready));
  const n = target - mine;
  return mine > 0 && n < client.concurrency / 2 ? 0 : n;
}

/**
 * Each integration's Okta client (the process's one, lib/integrations/okta-for) as a worker's passes size their
 * claims: read again after 30 s, so a pass per finished row does not read the integration each time. An
 * integration that cannot be opened (deleted) is its Error, for the worker to run one row at a time and record why.
 */
export class IntegrationClients {
  private readonly clients = new Map<string, { at: number; client: OktaClient | Error }>();

  async get(integrationId: string): Promise<OktaClient | Error> {
    const hit = this.clients.get(integrationId);
    if (hit && Date.now() - hit.at < CLIENT_TTL_MS) return hit.client;
    let client: OktaClient | Error;
    try {
      client = (await oktaFor(integrationId)).client;
    } catch (err) {
      client = err instanceof Error ? err : new Error(String(err));
    }
    this.clients.set(integrationId, { at: Date.now(), client });
    return client;
  }
}

/** The claim for one integration: `claimSize`, or one row at a time (less those in flight) when it cannot be opened. */
export const claimFor = (client: OktaClient | Error, bucket: string, mine: number): number =>
  client instanceof Error ? 1 - mine : claimSize(client, bucket, mine);
