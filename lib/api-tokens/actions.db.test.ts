import { db, schema } from '@/db';
import { createApiTokenAction, revokeApiTokenAction } from '@/lib/actions/api-tokens';
import type { SessionUser } from '@/lib/auth/current-user';
import { createIntegration } from '@/lib/integrations/store';
import { redact } from '@/lib/log';
import { lastAudit } from '@/test/audit';
import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { findApiTokenBySecret, getApiToken } from './store';

// Creating and revoking tokens from Settings: real FormData through the actions, real database.
const admin: SessionUser = { id: `usr_${'a'.repeat(20)}`, email: 'admin@example.com', name: 'Admin', role: 'admin' };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: () => Promise.resolve(admin) }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next/headers', () => ({ headers: () => Promise.resolve(new Headers({ 'x-forwarded-for': '10.1.2.3' })) }));

let orgA: string, orgB: string;
const integration = (name: string) =>
  createIntegration({
    name,
    oktaDomain: 'https://acme.okta.com',
    clientId: '0oa1',
    keyId: 'kid',
    privateKey: 'not used',
    keyType: 'RSA 2048-bit',
    keyThumbprint: 'kid',
    authMode: 'auto',
    createdBy: admin.id,
  });
const tokenCount = async () => (await db.select({ n: count() }).from(schema.apiTokens))[0]!.n;

function form(fields: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) fd.append(k, x);
  return fd;
}

beforeAll(async () => {
  orgA = (await integration('Org A')).id;
  orgB = (await integration('Org B')).id;
});

describe('API token actions', () => {
  it('creates a token from the form, returns the secret once, and audits it without the secret', async () => {
    const res = await createApiTokenAction(
      form({ name: ' Joiner workflow ', access: 'write', integrationIds: [orgA, orgB], expiresInDays: '30' }),
    );
    if (!res.ok) throw new Error(res.error);
    const { secret, id } = res.data;
    const found = await findApiTokenBySecret(secret);
    expect(found).toMatchObject({
      id,
      name: 'Joiner workflow',
      access: 'write',
      integrationIds: [orgA, orgB],
      createdBy: admin.id,
      prefix: secret.slice(0, 10),
    });
    expect(found!.expiresAt!.getTime() - found!.createdAt.getTime()).toBe(30 * 24 * 60 * 60_000);
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: 'api_token.create',
      outcome: 'success',
      actorId: admin.id,
      targetId: id,
      targetLabel: 'Joiner workflow',
      ip: '10.1.2.3',
    });
    expect(JSON.stringify(audit)).not.toContain(secret.slice(10));
    expect(redact(`request failed with token ${secret}`)).not.toContain(secret.slice(10));
  });

  it('a single integration from a checkbox and "never" expiry are accepted', async () => {
    const res = await createApiTokenAction(
      form({ name: 'Reporting', access: 'read', integrationIds: orgA, expiresInDays: 'never' }),
    );
    expect(res.ok).toBe(true);
    if (res.ok)
      expect(await getApiToken(res.data.id)).toMatchObject({ access: 'read', integrationIds: [orgA], expiresAt: null });
  });

  it('refuses a missing name, access or integration, and unknown integrations, creating nothing', async () => {
    const before = await tokenCount();
    const empty = await createApiTokenAction(form({ name: '', expiresInDays: 'forever' }));
    expect(empty).toMatchObject({ ok: false, code: 'invalid_input' });
    if (!empty.ok)
      expect(Object.keys(empty.fieldErrors ?? {}).sort()).toEqual([
        'access',
        'expiresInDays',
        'integrationIds',
        'name',
      ]);
    const unknown = await createApiTokenAction(
      form({ name: 'X', access: 'read', integrationIds: `int_${'z'.repeat(20)}` }),
    );
    expect(unknown).toMatchObject({
      ok: false,
      fieldErrors: { integrationIds: [expect.stringMatching(/No such integration/)] },
    });
    expect(await tokenCount()).toBe(before);
  });

  it('revokes once, audited; a second revoke says it already was', async () => {
    const res = await createApiTokenAction(form({ name: 'Short lived', access: 'read', integrationIds: orgA }));
    if (!res.ok) throw new Error(res.error);
    const revoked = await revokeApiTokenAction({ tokenId: res.data.id });
    expect(revoked).toMatchObject({ ok: true });
    expect((await getApiToken(res.data.id))?.revokedBy).toBe(admin.id);
    expect(await lastAudit()).toMatchObject({ action: 'api_token.revoke', targetId: res.data.id, actorId: admin.id });
    expect(await revokeApiTokenAction({ tokenId: res.data.id })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await revokeApiTokenAction({ tokenId: `tok_${'n'.repeat(20)}` })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});
