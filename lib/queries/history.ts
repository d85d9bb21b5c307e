import 'server-only';

import { db, schema } from '@/db';
import { describeFailure } from '@/lib/access/messages';
import { requireUser } from '@/lib/auth/guard';
import { oktaFor } from '@/lib/integrations/okta-for';
import { LOGS_SCOPE, madeByClient, type OktaAccessChange } from '@/lib/okta';
import { and, eq, inArray } from 'drizzle-orm';
import { InvalidPageError, readPage, type Paged } from './page-trail';
import { ttlCache } from './ttl-cache';

// Who changed access, and when: Okta's System Log per user, group or app, and the changes made outside the console.
// A change is this console's when Okta names its app as the client (lib/okta madeByClient); it links to our own
// audit event through the Okta request id (lib/okta causingRequestId, UNCONFIRMED).

const PAGE = 25;
/** Okta's log is seconds behind and its bucket small: a page is reused for this long, per object and page. */
const CACHE_MS = 10_000;

export type HistorySource = { kind: 'console'; auditAt?: string } | { kind: 'elsewhere' };
export type HistoryRow = OktaAccessChange & { source: HistorySource };
export type HistoryTarget = { kind: 'user' | 'group' | 'app'; id: string };
export type HistoryResult =
  | { state: 'no_scope' }
  | { state: 'failed'; message: string; requestId?: string; invalidPage?: boolean }
  | { state: 'ok'; list: Paged<HistoryRow> };

const cached = ttlCache<Paged<HistoryRow>>('access-history', CACHE_MS);

/** Our audit events for these Okta request ids (the writes this console made), by request id. */
async function auditedAt(integrationId: string, requestIds: string[]): Promise<Map<string, string>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .select({ requestId: schema.auditEvents.oktaRequestId, at: schema.auditEvents.at })
    .from(schema.auditEvents)
    .where(
      and(eq(schema.auditEvents.integrationId, integrationId), inArray(schema.auditEvents.oktaRequestId, requestIds)),
    );
  return new Map(rows.flatMap((r) => (r.requestId ? [[r.requestId, r.at.toISOString()] as const] : [])));
}

/** Marks each change as this console's (with its audit time when our audit has the request) or elsewhere's. */
async function withSources(integrationId: string, clientId: string, items: OktaAccessChange[]): Promise<HistoryRow[]> {
  const ours = items.filter((c) => madeByClient(c, clientId));
  const audit = await auditedAt(
    integrationId,
    ours.flatMap((c) => (c.requestId ? [c.requestId] : [])),
  );
  return items.map((c) => {
    if (!madeByClient(c, clientId)) return { ...c, source: { kind: 'elsewhere' } };
    const auditAt = c.requestId ? audit.get(c.requestId) : undefined;
    return { ...c, source: { kind: 'console', ...(auditAt && { auditAt }) } };
  });
}

function failed(error: unknown): HistoryResult {
  if (error instanceof InvalidPageError) return { state: 'failed', message: error.message, invalidPage: true };
  const failure = describeFailure(error);
  if (!failure || failure.reason === 'integration_missing') throw error;
  return { state: 'failed', message: failure.message, requestId: failure.requestId };
}

/**
 * One page of an object's membership and assignment changes over Okta's 90 days, newest first, paged with Okta's
 * own links in a sealed token. Without okta.logs.read (as the last connection test saw it) nothing is asked.
 */
export async function accessHistory(
  integrationId: string,
  target: HistoryTarget,
  token: string | undefined,
): Promise<HistoryResult> {
  await requireUser('viewer');
  const { client, integration } = await oktaFor(integrationId);
  if (!integration.grantedScopes.includes(LOGS_SCOPE)) return { state: 'no_scope' };
  const scope = `history:${integrationId}:${target.kind}:${target.id}`;
  try {
    const list = await cached(`${scope}:${token ?? ''}`, () =>
      readPage(scope, token, async (next) => {
        const page = await client.logs.accessPage(
          { targetIds: [target.id], until: new Date() },
          { pageSize: PAGE, next },
        );
        return { ...page, items: await withSources(integrationId, integration.clientId, page.items) };
      }),
    );
    return { state: 'ok', list };
  } catch (error) {
    return failed(error);
  }
}

export type OutsideFilter = { since: Date; userId?: string; groupId?: string; appId?: string; actorId?: string };

/**
 * One page of the changes not made by this console since `filter.since`, newest first, narrowed to the given user,
 * group, app and actor. Okta can't be asked to leave out one client (filtering on client.id is UNCONFIRMED), so
 * further Okta pages are read until a page has something to show.
 */
export async function outsideChanges(
  integrationId: string,
  filter: OutsideFilter,
  token: string | undefined,
): Promise<HistoryResult> {
  await requireUser('viewer');
  const { client, integration } = await oktaFor(integrationId);
  if (!integration.grantedScopes.includes(LOGS_SCOPE)) return { state: 'no_scope' };
  const targetIds = [filter.userId, filter.groupId, filter.appId].filter((v): v is string => Boolean(v));
  const scope = `outside:${integrationId}:${filter.since.toISOString()}:${targetIds.join(',')}:${filter.actorId ?? ''}`;
  try {
    const list = await cached(`${scope}:${token ?? ''}`, () =>
      readPage(scope, token, async (next) => {
        const page = await client.logs.accessPage(
          { targetIds, actorId: filter.actorId, since: filter.since, until: new Date() },
          { pageSize: PAGE, next, keep: (c) => !madeByClient(c, integration.clientId), maxCalls: 5 },
        );
        return { ...page, items: page.items.map((c) => ({ ...c, source: { kind: 'elsewhere' as const } })) };
      }),
    );
    return { state: 'ok', list };
  } catch (error) {
    return failed(error);
  }
}
