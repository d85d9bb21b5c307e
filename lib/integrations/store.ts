import 'server-only';

import { db, schema } from '@/db';
import { sealSecret, unsealSecret } from '@/lib/crypto';
import { newId } from '@/lib/ids';
import { and, asc, eq, gt, or, sql, type SQL } from 'drizzle-orm';

// Integrations as stored. The private key is sealed before it reaches SQL and is opened only by
// `openCredentials`, which only server code that talks to Okta calls. Nothing here returns it otherwise.
type Row = typeof schema.integrations.$inferSelect;
export type AuthMode = Row['authMode'];
export type IntegrationStatus = Row['status'];

/** An integration without its secret: safe to pass to pages (still filter per role). */
export type Integration = Omit<
  Row,
  'privateKeySealed' | 'pendingKeySealed' | 'lastTestReport' | 'grantedScopes' | 'pendingPublicJwk'
> & {
  lastTestReport: unknown;
  grantedScopes: string[];
  pendingPublicJwk: Record<string, unknown> | null;
};

const aad = (id: string) => `integration:${id}:private_key`;
const pendingAad = (id: string) => `integration:${id}:pending_key`;

function toIntegration(row: Row): Integration {
  const {
    privateKeySealed: _sealed,
    pendingKeySealed: _pending,
    lastTestReport,
    grantedScopes,
    pendingPublicJwk,
    ...rest
  } = row;
  return {
    ...rest,
    pendingPublicJwk: pendingPublicJwk ? (JSON.parse(pendingPublicJwk) as Record<string, unknown>) : null,
    lastTestReport: lastTestReport ? (JSON.parse(lastTestReport) as unknown) : null,
    grantedScopes: grantedScopes ? (JSON.parse(grantedScopes) as string[]) : [],
  };
}

export interface NewIntegration {
  name: string;
  oktaDomain: string;
  clientId: string;
  keyId: string | null;
  privateKey: string;
  keyType: string;
  keyThumbprint: string;
  authMode: AuthMode;
  createdBy: string;
}

export async function createIntegration(input: NewIntegration): Promise<Integration> {
  const id = newId('int');
  const now = new Date();
  const { privateKey, ...fields } = input;
  const [row] = await db
    .insert(schema.integrations)
    .values({
      ...fields,
      id,
      privateKeySealed: sealSecret(privateKey, aad(id)),
      dpopInUse: input.authMode === 'dpop',
      status: 'never_tested',
      updatedBy: input.createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return toIntegration(row!);
}

/** What lists show of an integration: no key, no report, nothing to parse. */
export type IntegrationSummary = Pick<
  Integration,
  | 'id'
  | 'name'
  | 'oktaDomain'
  | 'status'
  | 'failingSince'
  | 'lastTestedAt'
  | 'createdBy'
  | 'createdAt'
  | 'dpopInUse'
  | 'writeMemberships'
  | 'writeMembershipsNote'
  | 'writeApps'
  | 'writeAppsNote'
  | 'rateLimitShare'
>;

export interface IntegrationListQuery {
  /** Part of the name or Okta domain, any case. */
  q?: string;
  /** Keyset cursor: the last name of the previous page (names are unique). */
  after?: string;
  limit?: number;
}

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Integrations by name, with only the listed columns; `limit` pages them (ask for one more to learn if a next page exists). */
export async function listIntegrations({ q, after, limit }: IntegrationListQuery = {}): Promise<IntegrationSummary[]> {
  const t = schema.integrations;
  const where: SQL[] = [];
  if (after !== undefined) where.push(gt(t.name, after));
  if (q) {
    const pattern = likePattern(q);
    where.push(
      or(sql`lower(${t.name}) like ${pattern} escape '\\'`, sql`lower(${t.oktaDomain}) like ${pattern} escape '\\'`)!,
    );
  }
  const query = db
    .select({
      id: t.id,
      name: t.name,
      oktaDomain: t.oktaDomain,
      status: t.status,
      failingSince: t.failingSince,
      lastTestedAt: t.lastTestedAt,
      createdBy: t.createdBy,
      createdAt: t.createdAt,
      dpopInUse: t.dpopInUse,
      writeMemberships: t.writeMemberships,
      writeMembershipsNote: t.writeMembershipsNote,
      writeApps: t.writeApps,
      writeAppsNote: t.writeAppsNote,
      rateLimitShare: t.rateLimitShare,
    })
    .from(t)
    .where(and(...where))
    .orderBy(asc(t.name));
  return limit === undefined ? query : query.limit(limit);
}

/** Integrations already connected to one Okta app: the same org origin (as normalised) and client ID. */
export async function integrationsForApp(
  oktaDomain: string,
  clientId: string,
): Promise<Array<{ id: string; name: string }>> {
  const t = schema.integrations;
  return db
    .select({ id: t.id, name: t.name })
    .from(t)
    .where(and(eq(t.oktaDomain, oktaDomain), eq(t.clientId, clientId)))
    .orderBy(asc(t.name));
}

export async function getIntegration(id: string): Promise<Integration | undefined> {
  const [row] = await db.select().from(schema.integrations).where(eq(schema.integrations.id, id));
  return row ? toIntegration(row) : undefined;
}

/** The credentials lib/okta needs, private key included. Server-side use only; never return to a client. */
export async function openCredentials(id: string) {
  const [row] = await db.select().from(schema.integrations).where(eq(schema.integrations.id, id));
  if (!row) return undefined;
  return {
    domain: row.oktaDomain,
    clientId: row.clientId,
    keyId: row.keyId ?? undefined,
    privateKey: unsealSecret(row.privateKeySealed, aad(row.id)),
    authMode: row.authMode,
    updatedAt: row.updatedAt,
  };
}

export type IntegrationChange = Partial<
  Pick<
    Row,
    | 'name'
    | 'oktaDomain'
    | 'clientId'
    | 'keyId'
    | 'keyType'
    | 'keyThumbprint'
    | 'authMode'
    | 'dpopInUse'
    | 'status'
    | 'failingSince'
    | 'lastTestedAt'
  >
> & { privateKey?: string; lastTestReport?: unknown; grantedScopes?: string[] };

export async function updateIntegration(
  id: string,
  change: IntegrationChange,
  updatedBy: string,
): Promise<Integration | undefined> {
  const { privateKey, lastTestReport, grantedScopes, ...fields } = change;
  const [row] = await db
    .update(schema.integrations)
    .set({
      ...fields,
      ...(privateKey !== undefined && { privateKeySealed: sealSecret(privateKey, aad(id)) }),
      ...(lastTestReport !== undefined && { lastTestReport: JSON.stringify(lastTestReport) }),
      ...(grantedScopes !== undefined && { grantedScopes: JSON.stringify(grantedScopes) }),
      updatedBy,
      updatedAt: new Date(),
    })
    .where(eq(schema.integrations.id, id))
    .returning();
  return row ? toIntegration(row) : undefined;
}

/**
 * The percent of each Okta rate-limit bucket the console may use; the rest is left to the org's other tools.
 * Not a credentials change: `updatedAt` (which versions the Okta client) stays, so tokens and pacing are kept.
 */
export async function setRateLimitShare(id: string, percent: number, updatedBy: string): Promise<boolean> {
  const rows = await db
    .update(schema.integrations)
    .set({ rateLimitShare: percent, updatedBy })
    .where(eq(schema.integrations.id, id))
    .returning({ id: schema.integrations.id });
  return rows.length > 0;
}

export async function deleteIntegration(id: string): Promise<boolean> {
  const rows = await db
    .delete(schema.integrations)
    .where(eq(schema.integrations.id, id))
    .returning({ id: schema.integrations.id });
  return rows.length > 0;
}

/** Keeps a console-generated key beside the current one until it passes a connection test. */
export async function setPendingKey(
  id: string,
  key: { privateKey: string; kid: string; publicJwk: Record<string, unknown> },
  by: string,
): Promise<void> {
  await db
    .update(schema.integrations)
    .set({
      pendingKeySealed: sealSecret(key.privateKey, pendingAad(id)),
      pendingKeyId: key.kid,
      pendingPublicJwk: JSON.stringify(key.publicJwk),
      updatedBy: by,
    })
    .where(eq(schema.integrations.id, id));
}

/** The pending key, for testing it. Server-side only. */
export async function openPendingKey(id: string): Promise<{ privateKey: string; kid: string } | undefined> {
  const [row] = await db.select().from(schema.integrations).where(eq(schema.integrations.id, id));
  if (!row?.pendingKeySealed || !row.pendingKeyId) return undefined;
  return { privateKey: unsealSecret(row.pendingKeySealed, pendingAad(id)), kid: row.pendingKeyId };
}

export async function clearPendingKey(id: string): Promise<void> {
  await db
    .update(schema.integrations)
    .set({ pendingKeySealed: null, pendingKeyId: null, pendingPublicJwk: null })
    .where(eq(schema.integrations.id, id));
}
