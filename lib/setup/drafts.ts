import 'server-only';

import { db, schema } from '@/db';
import { sealSecret, unsealSecret } from '@/lib/crypto';
import { newId } from '@/lib/ids';
import type { ConnectionReport, OktaCredentials, PublicJwk } from '@/lib/okta';
import { eq } from 'drizzle-orm';
import { firstIncompleteStep, STEP_IDS, type StepId } from './steps';

// The wizard's progress, kept on the server (one draft per admin) so leaving and coming back resumes.
// The private key is sealed here exactly as in an integration; nothing here returns it to a page.
type Row = typeof schema.integrationDrafts.$inferSelect;

export interface Draft {
  id: string;
  completed: StepId[];
  current: StepId;
  keySource: Row['keySource'];
  name: string | null;
  oktaDomain: string | null;
  clientId: string | null;
  keyId: string | null;
  hasKey: boolean;
  keyType: string | null;
  keyThumbprint: string | null;
  publicJwk: PublicJwk | null;
  lastTest: { ok: boolean; at: Date; report: ConnectionReport } | null;
}

const aad = (id: string) => `draft:${id}:private_key`;

function toDraft(row: Row): Draft {
  const completed = (JSON.parse(row.completedSteps) as string[]).filter((s): s is StepId =>
    STEP_IDS.includes(s as StepId),
  );
  return {
    id: row.id,
    completed,
    current: firstIncompleteStep(completed),
    keySource: row.keySource,
    name: row.name,
    oktaDomain: row.oktaDomain,
    clientId: row.clientId,
    keyId: row.keyId,
    hasKey: Boolean(row.privateKeySealed),
    keyType: row.keyType,
    keyThumbprint: row.keyThumbprint,
    publicJwk: row.publicJwk ? (JSON.parse(row.publicJwk) as PublicJwk) : null,
    lastTest:
      row.lastTestReport && row.lastTestedAt
        ? {
            ok: Boolean(row.lastTestOk),
            at: row.lastTestedAt,
            report: JSON.parse(row.lastTestReport) as ConnectionReport,
          }
        : null,
  };
}

async function row(userId: string): Promise<Row | undefined> {
  const [r] = await db.select().from(schema.integrationDrafts).where(eq(schema.integrationDrafts.createdBy, userId));
  return r;
}

export async function getDraft(userId: string): Promise<Draft | null> {
  const r = await row(userId);
  return r ? toDraft(r) : null;
}

export async function getOrCreateDraft(userId: string): Promise<Draft> {
  const existing = await row(userId);
  if (existing) return toDraft(existing);
  const now = new Date();
  await db
    .insert(schema.integrationDrafts)
    .values({ id: newId('drf'), createdBy: userId, completedSteps: '[]', createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  return toDraft((await row(userId))!);
}

export interface DraftChange {
  complete?: StepId;
  keySource?: 'okta' | 'console';
  name?: string;
  oktaDomain?: string;
  clientId?: string;
  keyId?: string | null;
  privateKey?: string;
  keyType?: string;
  keyThumbprint?: string;
  publicJwk?: PublicJwk | null;
  test?: ConnectionReport;
}

/** Applies a step's result. Changing what the connection test depends on invalidates the last test. */
export async function updateDraft(userId: string, change: DraftChange): Promise<Draft> {
  const draft = await getOrCreateDraft(userId);
  const completed =
    change.complete && !draft.completed.includes(change.complete)
      ? [...draft.completed, change.complete]
      : draft.completed;
  const touchesConnection = ['oktaDomain', 'clientId', 'keyId', 'privateKey'].some((k) => k in change);
  const [updated] = await db
    .update(schema.integrationDrafts)
    .set({
      completedSteps: JSON.stringify(completed.filter((s) => !(touchesConnection && s === 'test'))),
      ...(change.keySource !== undefined && { keySource: change.keySource }),
      ...(change.name !== undefined && { name: change.name }),
      ...(change.oktaDomain !== undefined && { oktaDomain: change.oktaDomain }),
      ...(change.clientId !== undefined && { clientId: change.clientId }),
      ...(change.keyId !== undefined && { keyId: change.keyId }),
      ...(change.privateKey !== undefined && { privateKeySealed: sealSecret(change.privateKey, aad(draft.id)) }),
      ...(change.keyType !== undefined && { keyType: change.keyType }),
      ...(change.keyThumbprint !== undefined && { keyThumbprint: change.keyThumbprint }),
      ...(change.publicJwk !== undefined && { publicJwk: change.publicJwk ? JSON.stringify(change.publicJwk) : null }),
      ...(change.test !== undefined && {
        lastTestReport: JSON.stringify(change.test),
        lastTestOk: change.test.ok,
        lastTestedAt: new Date(),
      }),
      ...(touchesConnection &&
        change.test === undefined && { lastTestReport: null, lastTestOk: null, lastTestedAt: null }),
      updatedAt: new Date(),
    })
    .where(eq(schema.integrationDrafts.id, draft.id))
    .returning();
  return toDraft(updated!);
}

/** The draft's credentials for lib/okta, private key included. Server-side only. */
export async function draftCredentials(
  userId: string,
): Promise<(OktaCredentials & { privateKeyPresent: true }) | null> {
  const r = await row(userId);
  if (!r?.privateKeySealed || !r.oktaDomain || !r.clientId) return null;
  return {
    domain: r.oktaDomain,
    clientId: r.clientId,
    keyId: r.keyId ?? undefined,
    privateKey: unsealSecret(r.privateKeySealed, aad(r.id)),
    authMode: 'auto',
    privateKeyPresent: true,
  };
}

export async function deleteDraft(userId: string): Promise<void> {
  await db.delete(schema.integrationDrafts).where(eq(schema.integrationDrafts.createdBy, userId));
}
