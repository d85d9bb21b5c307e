import { db, handle } from '@/db';
import { sql } from 'drizzle-orm';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  openCredentials,
  updateIntegration,
} from './store';

const pem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const base = (name: string, privateKey: string) => ({
  name,
  oktaDomain: 'https://acme.okta.com',
  clientId: '0oa1abcdefghijklmno7',
  keyId: 'kid-1',
  privateKey,
  keyType: 'RSA 2048',
  keyThumbprint: 'thumb',
  authMode: 'auto' as const,
  createdBy: 'usr_test',
});

/** Every byte the database holds, as text: the SQLite file (+WAL) or a dump of every Postgres row. */
async function everythingStored(): Promise<string> {
  if (handle.dialect === 'sqlite') {
    const dir = process.env.DATA_DIR!;
    return fs
      .readdirSync(dir)
      .filter((f) => f.startsWith('console.db'))
      .map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1'))
      .join('\n');
  }
  const rows = await db.execute(sql`select row_to_json(i)::text as j from integrations i`);
  return JSON.stringify(rows.rows);
}

describe(`integration store (${handle.dialect})`, () => {
  it('stores the private key sealed: no PEM marker or key body appears anywhere in the database', async () => {
    const key = pem();
    const created = await createIntegration(base('Prod', key));
    const body = key.split('\n')[5]!;
    const stored = await everythingStored();
    expect(stored).toContain('0oa1abcdefghijklmno7'); // the dump really holds the row
    expect(stored).not.toContain('PRIVATE KEY');
    expect(stored).not.toContain(body);
    expect(JSON.stringify(created)).not.toContain(body);
    expect(Object.keys(created)).not.toContain('privateKeySealed');
    expect((await openCredentials(created.id))?.privateKey).toBe(key);
  });

  it('lists, updates (re-sealing a rotated key) and deletes without exposing the secret', async () => {
    const a = await createIntegration(base('Preview', pem()));
    const rotated = pem();
    const updated = await updateIntegration(
      a.id,
      { privateKey: rotated, status: 'connected', grantedScopes: ['okta.users.read'] },
      'usr_other',
    );
    expect(updated?.status).toBe('connected');
    expect(updated?.grantedScopes).toEqual(['okta.users.read']);
    expect(updated?.updatedBy).toBe('usr_other');
    expect((await openCredentials(a.id))?.privateKey).toBe(rotated);
    const all = await listIntegrations();
    expect(all.map((i) => i.name)).toContain('Preview');
    expect(JSON.stringify(all)).not.toContain('PRIVATE KEY');
    expect(await deleteIntegration(a.id)).toBe(true);
    expect(await getIntegration(a.id)).toBeUndefined();
    expect(await deleteIntegration(a.id)).toBe(false);
  });

  it('refuses a second integration with the same name', async () => {
    await createIntegration(base('Unique', pem()));
    await expect(createIntegration(base('Unique', pem()))).rejects.toThrow();
  });
  it('lists by name in keyset pages, searches name or domain in any case, and never returns key material', async () => {
    const key = pem();
    for (const name of ['delta', 'Alpha', 'charlie', 'bravo', 'echo_100%'])
      await createIntegration({ ...base(name, key), oktaDomain: `https://${name.replace(/[^a-z]/gi, '')}.okta.com` });
    const all = await listIntegrations();
    expect(all.map((i) => i.name)).toEqual([...all.map((i) => i.name)].sort());
    expect(Object.keys(all[0]!).sort()).toEqual([
      'createdAt',
      'createdBy',
      'dpopInUse',
      'failingSince',
      'id',
      'lastTestedAt',
      'name',
      'oktaDomain',
      'rateLimitShare',
      'status',
      'writeApps',
      'writeAppsNote',
      'writeMemberships',
      'writeMembershipsNote',
    ]);
    const first = await listIntegrations({ limit: 2 });
    const second = await listIntegrations({ limit: 2, after: first.at(-1)!.name });
    expect(second.map((i) => i.name)).toEqual(all.slice(2, 4).map((i) => i.name));
    expect((await listIntegrations({ q: 'ALPHA' })).map((i) => i.name)).toEqual(['Alpha']);
    expect((await listIntegrations({ q: 'charlie.okta' })).map((i) => i.name)).toEqual(['charlie']);
    // LIKE wildcards in a search are literal characters.
    expect((await listIntegrations({ q: '0%' })).map((i) => i.name)).toEqual(['echo_100%']);
    expect(await listIntegrations({ q: '_' })).toHaveLength(1);
  });
});
