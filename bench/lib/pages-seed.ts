import type { DatabaseHandle } from '@/db/client';
import { hashPassword } from '@/lib/auth/password';
import { makeKeyring, seal } from '@/lib/crypto/seal';
import { newId } from '@/lib/ids';
import { randomBytes } from 'node:crypto';

// Seeds the console's own tables the way the product writes them: ids from lib/ids, private keys sealed
// with lib/crypto under the row's AAD, password hashed with lib/auth/password, timestamps as Dates.
export type PagesSeed = {
  integrations: number;
  auditEvents: number;
  /** Okta domains to spread the integrations over (all reach the same simulated org). */
  origins: string[];
  credentials: { clientId: string; kid: string; privateKeyPem: string; keyType: string; thumbprint: string };
  /** A connection report from a real test, stored on every tested integration. */
  report: { value: unknown; grantedScopes: string[]; dpop: boolean };
  encryptionKey: Buffer;
  admin: { email: string; password: string };
};

export type Seeded = { adminId: string; integrationIds: string[]; connectedId: string; actions: string[] };

const DAY_MS = 86_400_000;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// lib/ids' format (prefix + 20 of 62 characters) from a pooled buffer: one randomBytes call per row costs
// seconds at 100k rows on a busy machine.
let pool = Buffer.alloc(0);
let at = 0;
function randomChars(n: number, alphabet = ALPHABET): string {
  let out = '';
  while (out.length < n) {
    if (at >= pool.length) [pool, at] = [randomBytes(65_536), 0];
    const b = pool[at++]!;
    if (b < 248) out += alphabet[b % alphabet.length];
  }
  return out;
}
const fastId = (prefix: string) => `${prefix}_${randomChars(20)}`;
const CHUNK = 500;

/** mulberry32: the same data on every run and in both dialects. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'acme',
  'globex',
  'initech',
  'umbrella',
  'stark',
  'wayne',
  'wonka',
  'hooli',
  'vandelay',
  'soylent',
  'tyrell',
  'cyberdyne',
  'aperture',
  'massive',
  'oscorp',
  'pied-piper',
];
const SUFFIXES = ['prod', 'staging', 'dev', 'eu', 'us', 'apac', 'sandbox', 'preview'];

// Roughly what a busy console records: mostly sign-ins, checks and membership changes.
const ACTIONS: Array<[action: string, weight: number, scope: 'integration' | 'console', target: string]> = [
  ['auth.sign_in', 22, 'console', 'console_user'],
  ['group.add_member', 18, 'integration', 'okta_group'],
  ['group.remove_member', 8, 'integration', 'okta_group'],
  ['group.check_member', 10, 'integration', 'okta_group'],
  ['app.assign_user', 8, 'integration', 'okta_app'],
  ['app.unassign_user', 3, 'integration', 'okta_app'],
  ['app.check_user', 6, 'integration', 'okta_app'],
  ['app.assign_group', 2, 'integration', 'okta_app'],
  ['app.unassign_group', 1, 'integration', 'okta_app'],
  ['integration.test', 12, 'integration', 'integration'],
  ['integration.rename', 1, 'integration', 'integration'],
  ['integration.rotate_key', 1, 'integration', 'integration'],
  ['integration.create', 1, 'integration', 'integration'],
  ['setup.test_connection', 3, 'console', 'integration_draft'],
  ['setup.save_connection', 2, 'console', 'integration_draft'],
  ['console_user.create', 1, 'console', 'console_user'],
  ['console_user.change_role', 0.5, 'console', 'console_user'],
  ['audit.export', 0.5, 'console', 'audit'],
];
const TOTAL_WEIGHT = ACTIONS.reduce((s, a) => s + a[1], 0);

export async function seedConsole(h: DatabaseHandle, s: PagesSeed): Promise<Seeded> {
  const rand = prng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const ring = makeKeyring(s.encryptionKey);
  const now = Date.now();
  const t = h.schema;

  const adminId = newId('usr');
  const staff = Array.from({ length: 15 }, (_, i) => ({ id: newId('usr'), email: `operator${i + 1}@example.com` }));
  const hash = await hashPassword(s.admin.password);
  await h.db.insert(t.consoleUsers).values([
    {
      id: adminId,
      email: s.admin.email,
      name: 'Bench Admin',
      passwordHash: hash,
      role: 'admin',
      createdAt: new Date(now - 400 * DAY_MS),
      updatedAt: new Date(now - 400 * DAY_MS),
    },
    ...staff.map((u, i) => ({
      id: u.id,
      email: u.email,
      name: `Operator ${i + 1}`,
      passwordHash: hash,
      role: i % 3 === 0 ? ('viewer' as const) : ('operator' as const),
      createdBy: adminId,
      createdAt: new Date(now - 300 * DAY_MS),
      updatedAt: new Date(now - 300 * DAY_MS),
    })),
  ]);

  const integrationIds: string[] = [];
  let connectedId = '';
  const report = JSON.stringify(s.report.value);
  const scopes = JSON.stringify(s.report.grantedScopes);
  for (let start = 0; start < s.integrations; start += CHUNK) {
    const rows: Array<typeof t.integrations.$inferInsert> = [];
    for (let i = start; i < Math.min(s.integrations, start + CHUNK); i++) {
      const id = newId('int');
      integrationIds.push(id);
      const r = rand();
      // Mixed statuses; the first one is always connected (the group page goes through it).
      const status = i === 0 || r < 0.7 ? 'connected' : r < 0.85 ? 'failing' : 'never_tested';
      const name = `${pick(WORDS)}-${pick(SUFFIXES)}-${String(i + 1).padStart(4, '0')}`;
      if (i === 0) connectedId = id;
      const created = new Date(now - Math.floor(rand() * 365) * DAY_MS);
      const tested = status === 'never_tested' ? null : new Date(now - Math.floor(rand() * 7 * DAY_MS));
      rows.push({
        id,
        name,
        oktaDomain: s.origins[i % s.origins.length]!,
        clientId: s.credentials.clientId,
        keyId: s.credentials.kid,
        privateKeySealed: seal(ring, s.credentials.privateKeyPem, `integration:${id}:private_key`),
        keyType: s.credentials.keyType,
        keyThumbprint: s.credentials.thumbprint,
        authMode: status === 'connected' && s.report.dpop ? 'dpop' : 'auto',
        dpopInUse: status === 'connected' && s.report.dpop,
        status,
        failingSince: status === 'failing' ? tested : null,
        lastTestedAt: tested,
        lastTestReport: tested ? report : null,
        grantedScopes: tested ? scopes : null,
        createdBy: i % 4 === 0 ? adminId : pick(staff).id,
        updatedBy: adminId,
        createdAt: created,
        updatedAt: created,
      });
    }
    await h.db.insert(t.integrations).values(rows);
  }

  const actors = [{ id: adminId, email: s.admin.email }, ...staff];
  // Later rows are newer, as an append-only log would be; ids are unique, so (at, id) paging is total.
  await h.transaction(async (tx) => {
    for (let start = 0; start < s.auditEvents; start += CHUNK) {
      const rows: Array<typeof t.auditEvents.$inferInsert> = [];
      for (let i = start; i < Math.min(s.auditEvents, start + CHUNK); i++) {
        let w = rand() * TOTAL_WEIGHT;
        const [action, , scope, targetType] = ACTIONS.find((a) => (w -= a[1]) < 0) ?? ACTIONS[0]!;
        // Skewed towards the first integrations: a few busy orgs, a long tail of quiet ones.
        const integrationId =
          scope === 'integration' ? integrationIds[Math.floor(rand() ** 2 * integrationIds.length)]! : null;
        const actor = pick(actors);
        const o = rand();
        const outcome = o < 0.93 ? 'success' : o < 0.98 ? 'failure' : 'denied';
        const user = `user${Math.floor(rand() * 5000)}@example.com`;
        rows.push({
          id: fastId('aud'),
          at: new Date(now - 180 * DAY_MS + Math.floor(((i + rand()) / s.auditEvents) * 180 * DAY_MS)),
          actorType: 'user',
          actorId: actor.id,
          actorLabel: actor.email,
          action,
          targetType,
          targetId: `00g${randomChars(17)}`,
          targetLabel:
            targetType === 'okta_group'
              ? `Group ${Math.floor(rand() * 200)}`
              : targetType === 'okta_app'
                ? `App ${Math.floor(rand() * 50)}`
                : targetType === 'console_user'
                  ? actor.email
                  : null,
          integrationId,
          outcome,
          detail:
            scope === 'integration'
              ? JSON.stringify({
                  outcome: outcome === 'success' ? 'added' : 'okta_error',
                  message: 'Done.',
                  targets: [{ type: 'okta_user', label: user }],
                })
              : null,
          oktaRequestId: scope === 'integration' ? randomChars(24) : null,
          ip: `10.0.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`,
        });
      }
      await tx.insert(t.auditEvents).values(rows);
    }
  });
  return { adminId, integrationIds, connectedId, actions: ACTIONS.map((a) => a[0]) };
}
