import type { Simulator } from '@/sim/okta';
import { createPrivateKey } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from './diagnose';
import { generateKeyPair } from './key-generate';
import { serviceApp, simOptions, startSim } from './test-support/sim-harness';
import { DEFAULT_SCOPES } from './types';
import { CUSTOM_ROLE_PERMISSIONS } from './write-access';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

const statusOf = (r: Awaited<ReturnType<typeof testConnection>>, id: string) =>
  r.checks.find((c) => c.id === id)?.status;

describe('testConnection against the simulator', () => {
  it('passes every check for a well set-up app, and says write access is not verified when roles are unreadable', async () => {
    const creds = await serviceApp(sim);
    const r = await testConnection(creds, simOptions(sim));
    expect(r.problem).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.grantedScopes).toHaveLength(6);
    for (const id of ['key', 'domain', 'token', 'dpop', 'probe:users', 'probe:groups', 'probe:apps'])
      expect(statusOf(r, id)).toBe('pass');
    expect(r.checks.filter((c) => c.id.startsWith('scope:')).every((c) => c.status === 'pass')).toBe(true);
    expect(statusOf(r, 'roles')).toBe('skip');
    // Reads pass for a Read-Only Administrator too, so unknown write access is a warning, never a pass.
    expect(statusOf(r, 'write:memberships')).toBe('warn');
    expect(statusOf(r, 'write:appAssignments')).toBe('warn');
    expect(r.writeAccess).toMatchObject({ roles: null, memberships: { state: 'unknown' } });
    expect(r.checks.find((c) => c.id === 'scope:okta.roles.read')).toBeUndefined();
    expect(r.requestIds.length).toBeGreaterThan(0);
  });

  it('the optional System Log: skipped when okta.logs.read is not granted, checked when it is, never a failure', async () => {
    const without = await testConnection(await serviceApp(sim), simOptions(sim));
    const skipped = without.checks.find((c) => c.id === 'logs');
    expect(skipped?.status).toBe('skip');
    expect(skipped?.detail).toContain('Grant okta.logs.read to show who changed access');
    const scopes = [...DEFAULT_SCOPES, 'okta.logs.read'];
    const granted = await testConnection(await serviceApp(sim, { scopes }), simOptions(sim));
    expect(granted.ok).toBe(true);
    expect(granted.grantedScopes).toContain('okta.logs.read');
    expect(statusOf(granted, 'logs')).toBe('pass');
    // The scope lets the token ask; a Group Administrator alone may not view the System Log (system-log.md §1).
    const refused = await testConnection(await serviceApp(sim, { scopes, roles: ['USER_ADMIN'] }), simOptions(sim));
    const warned = refused.checks.find((c) => c.id === 'logs');
    expect(warned?.status).toBe('warn');
    expect(warned?.detail).toContain('Report Administrator');
    expect(refused.problem?.code).not.toBe('insufficient_scopes');
  });

  it('accepts the key as PKCS#1 PEM or as a private JWK, pasted with CRLF and indentation', async () => {
    const creds = await serviceApp(sim);
    const key = createPrivateKey(creds.privateKey);
    const pkcs1 = key.export({ type: 'pkcs1', format: 'pem' }).toString().replace(/\n/g, '\r\n  ');
    const jwk = JSON.stringify({ ...key.export({ format: 'jwk' }), kid: creds.keyId });
    for (const privateKey of [pkcs1, jwk]) {
      const r = await testConnection({ ...creds, privateKey }, simOptions(sim));
      expect(r.problem).toBeUndefined();
    }
  });

  it('works with a key pair the console generated and the admin registered in Okta', async () => {
    const creds = await serviceApp(sim);
    for (const alg of ['RS256', 'ES256'] as const) {
      const pair = await generateKeyPair(alg);
      const { kid } = await sim.control.addPublicKey(creds.clientId, pair.publicJwk);
      const r = await testConnection({ ...creds, keyId: kid, privateKey: pair.privateKeyPem }, simOptions(sim));
      expect(r.problem).toBeUndefined();
    }
  });

  it('auto mode reports that it switched to DPoP for an app that requires it (EC key too)', async () => {
    const creds = await serviceApp(sim, { dpopRequired: true, alg: 'ES256' });
    const r = await testConnection(creds, simOptions(sim));
    expect(r).toMatchObject({ ok: true, dpop: true, switchedToDpop: true });
    expect(r.checks.find((c) => c.id === 'dpop')?.detail).toMatch(/switched to DPoP/);
  });

  it('dpop_required when the mode is Bearer and the app requires DPoP', async () => {
    const creds = await serviceApp(sim, { dpopRequired: true, authMode: 'bearer' });
    const r = await testConnection(creds, simOptions(sim));
    expect(r.problem).toMatchObject({ code: 'dpop_required', requestId: expect.any(String) as unknown });
    expect(r.problem?.fix.join(' ')).toMatch(/Require Demonstrating Proof of Possession/);
    expect(r.problem?.fix.join(' ')).toMatch(/The DPoP proof JWT header is missing\./);
  });

  it('key_invalid before any network call', async () => {
    const creds = await serviceApp(sim);
    const before = sim.control.stats().tokenRequests;
    const r = await testConnection(
      { ...creds, privateKey: creds.privateKey.split('\n').slice(0, 5).join('\n') },
      simOptions(sim),
    );
    expect(r.problem?.code).toBe('key_invalid');
    expect(r.problem?.fix.join(' ')).toMatch(/BEGIN PRIVATE KEY.*END PRIVATE KEY/);
    expect(sim.control.stats().tokenRequests).toBe(before);
  });

  it('kid_invalid for a wrong kid or a deleted key; invalid_credentials for an unknown client id and a foreign key', async () => {
    const creds = await serviceApp(sim);
    const wrongKid = await testConnection({ ...creds, keyId: 'not-the-kid' }, simOptions(sim));
    expect(wrongKid.problem).toMatchObject({
      code: 'kid_invalid',
      cause: expect.stringMatching(/kid is invalid.*"not-the-kid" entered.*thumbprint/) as unknown,
    });
    expect(wrongKid.problem?.fix[0]).toMatch(/^Check the KID first/);

    const unknownClient = await testConnection({ ...creds, clientId: '0oaDoesNotExist12345' }, simOptions(sim));
    expect(unknownClient.problem?.code).toBe('invalid_credentials');

    const foreign = await generateKeyPair('RS256');
    const wrongKey = await testConnection({ ...creds, privateKey: foreign.privateKeyPem }, simOptions(sim));
    expect(wrongKey.problem).toMatchObject({
      code: 'invalid_credentials',
      cause: expect.stringMatching(/signature is invalid/) as unknown,
    });

    const deleted = await serviceApp(sim);
    sim.control.deleteKey(deleted.clientId, deleted.keyId ?? '');
    expect((await testConnection(deleted, simOptions(sim))).problem?.code).toBe('invalid_credentials');

    // The right KID for the pasted key, whose key was deleted while the app kept another one.
    const rotated = await serviceApp(sim);
    await sim.control.addPublicKey(rotated.clientId, (await generateKeyPair('RS256')).publicJwk);
    sim.control.deleteKey(rotated.clientId, rotated.keyId ?? '');
    const gone = await testConnection(rotated, simOptions(sim));
    expect(gone.problem?.code).toBe('kid_invalid');
    expect(gone.problem?.cause).toMatch(/thumbprint, so KID and key agree/);
    expect(gone.problem?.fix[0]).toMatch(/^The KID is right for this key/);
  });

  it('insufficient_scopes names the missing scopes (partial grant and no grant at all)', async () => {
    const partial = await serviceApp(sim, { scopes: ['okta.users.read', 'okta.users.manage'] });
    const r = await testConnection(partial, simOptions(sim));
    expect(r.problem).toMatchObject({ code: 'insufficient_scopes' });
    expect(r.problem?.missingScopes).toEqual([
      'okta.groups.read',
      'okta.groups.manage',
      'okta.apps.read',
      'okta.apps.manage',
    ]);
    expect(statusOf(r, 'probe:users')).toBe('pass');
    expect(statusOf(r, 'probe:groups')).toBe('skip');
    expect(r.problem?.fix.join(' ')).toMatch(/Okta API Scopes tab/);

    const none = await serviceApp(sim, { scopes: [] });
    const r2 = await testConnection(none, simOptions(sim));
    expect(r2.problem?.code).toBe('insufficient_scopes');
    expect(r2.problem?.missingScopes).toHaveLength(6);
  });

  it('insufficient_roles when scopes are granted but no admin role is assigned', async () => {
    const creds = await serviceApp(sim, { roles: [] });
    const r = await testConnection(creds, simOptions(sim));
    expect(r.problem).toMatchObject({ code: 'insufficient_roles', requestId: expect.any(String) as unknown });
    expect(r.problem?.fix.join(' ')).toMatch(/Application Administrator and Group Administrator/);
    // Okta answers an app with scopes and no role with 200 [] on users: a warning, never a pass.
    expect(r.checks.find((c) => c.id === 'probe:users')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/no users at all.*Admin roles tab/) as unknown,
    });
    expect(statusOf(r, 'probe:groups')).toBe('fail');
  });

  describe('admin roles the app may read (okta.roles.read and okta.iam.read)', () => {
    const withRolesRead = [...DEFAULT_SCOPES, 'okta.roles.read'];
    /** A custom role holding only okta.iam.read: lets the app see its own roles and nothing more. */
    const iamReader = () => {
      const role = sim.control.createCustomRole({
        label: `IAM reader ${Math.random()}`,
        permissions: ['okta.iam.read'],
      });
      const set = sim.control.createResourceSet({
        label: `IAM set ${Math.random()}`,
        resources: [`${sim.origin}/api/v1/users`],
      });
      return { type: 'CUSTOM' as const, role: role.id, resourceSet: set.id };
    };

    it('a Read-Only Administrator passes every read and fails the test: it may change nothing', async () => {
      const creds = await serviceApp(sim, { scopes: withRolesRead, roles: ['READ_ONLY_ADMIN', iamReader()] });
      const r = await testConnection(creds, simOptions(sim));
      for (const id of ['probe:users', 'probe:groups', 'probe:apps']) expect(statusOf(r, id)).toBe('pass');
      expect(r.checks.find((c) => c.id === 'roles')?.detail).toMatch(
        /Read-Only Administrator: no changes to memberships or app assignments/,
      );
      expect(statusOf(r, 'write:memberships')).toBe('fail');
      expect(statusOf(r, 'write:appAssignments')).toBe('fail');
      expect(r.ok).toBe(false);
      expect(r.problem).toMatchObject({ code: 'insufficient_roles' });
      expect(r.problem?.cause).toMatch(/No admin role lets the app change group memberships/);
    });

    it('the least-privilege custom role on one group and one app is recognised, with where it reaches', async () => {
      const eng = sim.control.createGroup({ name: 'Custom-role group' }).id;
      const wiki = sim.control.createApp({ label: 'Custom-role app', signOnMode: 'BOOKMARK' }).id;
      const role = sim.control.createCustomRole({
        label: 'Access console',
        permissions: [...CUSTOM_ROLE_PERMISSIONS, 'okta.iam.read'],
      });
      const set = sim.control.createResourceSet({
        label: 'Console resources',
        resources: [
          `${sim.origin}/api/v1/users`,
          `${sim.origin}/api/v1/groups/${eng}`,
          `${sim.origin}/api/v1/apps/${wiki}`,
        ],
      });
      const creds = await serviceApp(sim, {
        scopes: withRolesRead,
        roles: [{ type: 'CUSTOM', role: role.id, resourceSet: set.id }],
      });
      const r = await testConnection(creds, simOptions(sim));
      expect(r.problem).toBeUndefined();
      expect(r.writeAccess?.memberships).toEqual({
        state: 'yes',
        detail: `Custom role “Access console”: groups ${eng}`,
      });
      expect(r.writeAccess?.appAssignments).toEqual({
        state: 'yes',
        detail: `Custom role “Access console”: apps ${wiki}`,
      });
      expect(statusOf(r, 'write:memberships')).toBe('pass');
    });

    it('standard roles with targets are named by their groups and apps', async () => {
      const sales = sim.control.createGroup({ name: 'Sales team' }).id;
      const crm = sim.control.createApp({ label: 'Target CRM', signOnMode: 'BOOKMARK' }).id;
      const creds = await serviceApp(sim, {
        scopes: withRolesRead,
        roles: [
          { type: 'GROUP_MEMBERSHIP_ADMIN', targets: { groups: [sales] } },
          { type: 'APP_ADMIN', targets: { apps: [crm] } },
          iamReader(),
        ],
      });
      const r = await testConnection(creds, simOptions(sim));
      expect(r.writeAccess?.memberships.detail).toBe('Group Membership Administrator: groups Sales team');
      expect(r.writeAccess?.appAssignments.detail).toMatch(/^Application Administrator: apps /);
      expect(r.ok).toBe(true);
    });

    it('reads every page of role targets (Link: rel="next") and of resource set resources (_links.next)', async () => {
      // 230 group targets: two pages of 200 at most; 130 resources: two pages of 100 at most.
      const targets = Array.from({ length: 230 }, (_, i) => sim.control.createGroup({ name: `Paged target ${i}` }).id);
      const many = Array.from({ length: 129 }, (_, i) => sim.control.createGroup({ name: `Paged set ${i}` }).id);
      const role = sim.control.createCustomRole({
        label: 'Paged console role',
        permissions: [...CUSTOM_ROLE_PERMISSIONS, 'okta.iam.read'],
      });
      const set = sim.control.createResourceSet({
        label: 'Paged console resources',
        resources: [`${sim.origin}/api/v1/users`, ...many.map((g) => `${sim.origin}/api/v1/groups/${g}`)],
      });
      const creds = await serviceApp(sim, {
        scopes: withRolesRead,
        roles: [
          { type: 'GROUP_MEMBERSHIP_ADMIN', targets: { groups: targets } },
          { type: 'CUSTOM', role: role.id, resourceSet: set.id },
        ],
      });
      const r = await testConnection(creds, simOptions(sim));
      const detail = r.writeAccess?.memberships.detail ?? '';
      expect(detail).toMatch(
        /^Group Membership Administrator: groups (Paged target \d+, ){4}Paged target \d+ and 225 more;/,
      );
      expect(detail).toMatch(/Custom role “Paged console role”: groups (\w+, ){4}\w+ and 124 more$/);
    });

    it('Okta refusing to show the roles (no Super Administrator, no okta.iam.read) leaves write access unknown', async () => {
      const creds = await serviceApp(sim, { scopes: withRolesRead });
      const r = await testConnection(creds, simOptions(sim));
      expect(r.checks.find((c) => c.id === 'roles')).toMatchObject({
        status: 'skip',
        detail: expect.stringMatching(/refused to show the app its own admin roles/) as unknown,
      });
      expect(statusOf(r, 'write:memberships')).toBe('warn');
      expect(r.ok).toBe(true);
    });
  });

  it('reads admin roles when okta.roles.read is granted', async () => {
    const scopes = ['okta.users.read', 'okta.groups.read', 'okta.apps.read', 'okta.roles.read'];
    const creds = await serviceApp(sim, { scopes, roles: ['SUPER_ADMIN'] });
    const r = await testConnection({ ...creds, scopes }, simOptions(sim));
    expect(r.ok).toBe(true);
    expect(statusOf(r, 'roles')).toBe('pass');
    expect(statusOf(r, 'write:memberships')).toBe('pass');
    expect(statusOf(r, 'write:appAssignments')).toBe('pass');
    expect(r.writeAccess?.roles).toEqual([
      {
        type: 'SUPER_ADMIN',
        label: 'Super Administrator',
        allows: expect.stringMatching(/group memberships .*; app assignments/) as unknown,
      },
    ]);
  });

  it('app_inactive for a deactivated app', async () => {
    const creds = await serviceApp(sim);
    sim.control.setAppStatus(creds.clientId, 'INACTIVE');
    expect((await testConnection(creds, simOptions(sim))).problem?.code).toBe('app_inactive');
  });

  it('domain_invalid, and the SSRF guard: nothing is sent to an origin outside the rules', async () => {
    const creds = await serviceApp(sim);
    const before = sim.control.stats().tokenRequests;
    const admin = await testConnection({ ...creds, domain: 'acme-admin.okta.com' }, simOptions(sim));
    expect(admin.problem).toMatchObject({
      code: 'domain_invalid',
      cause: expect.stringMatching(/acme\.okta\.com/) as unknown,
    });
    const notAllowed = await testConnection(creds, { allowedOrigins: [] });
    expect(notAllowed.problem?.code).toBe('domain_invalid');
    expect(sim.control.stats().tokenRequests).toBe(before);
  });

  it('domain_unreachable and not_okta', async () => {
    const creds = await serviceApp(sim);
    const closed = await testConnection(
      { ...creds, domain: 'http://127.0.0.1:1' },
      { allowedOrigins: ['http://127.0.0.1:*'], retryBaseMs: 1 },
    );
    expect(closed.problem?.code).toBe('domain_unreachable');
    expect(statusOf(closed, 'domain')).toBe('fail');

    const web = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>Not found</html>');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
    try {
      const r = await testConnection({ ...creds, domain: origin }, { allowedOrigins: [origin] });
      expect(r.problem?.code).toBe('not_okta');
      expect(statusOf(r, 'domain')).toBe('fail');
    } finally {
      web.closeAllConnections();
      web.close();
    }
  });

  it('rate_limited and okta_error', async () => {
    const creds = await serviceApp(sim);
    sim.control.faults({ rateLimit: true, pathPrefix: '/oauth2/v1/token' });
    try {
      expect((await testConnection(creds, simOptions(sim))).problem?.code).toBe('rate_limited');
    } finally {
      sim.control.clearFaults();
    }
    sim.control.faults({ status: 500, pathPrefix: '/api/v1/groups' });
    try {
      const r = await testConnection(creds, simOptions(sim));
      expect(r.problem).toMatchObject({ code: 'okta_error', requestId: expect.any(String) as unknown });
      expect(statusOf(r, 'probe:users')).toBe('pass');
    } finally {
      sim.control.clearFaults();
    }
  });
});
