import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Browser, inFlight } from './test-support/okta-browser';

vi.mock('@/lib/auth/current-user', () => import('@/test/session'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth', async () => ({ default: (await import('./test-support/okta-browser')).testNextAuth }));
vi.mock('next/headers', () => ({
  headers: () => Promise.resolve(inFlight.headers),
  cookies: () =>
    Promise.resolve({
      getAll: () => [...inFlight.cookies].map(([name, value]) => ({ name, value })),
      get: (name: string) => (inFlight.cookies.has(name) ? { name, value: inFlight.cookies.get(name) } : undefined),
      set: (name: string, value: string) => inFlight.cookies.set(name, value),
      delete: (c: string | { name: string }) => inFlight.cookies.delete(typeof c === 'string' ? c : c.name),
    }),
}));

// Sign-in with Okta end to end against the simulator: next-auth's real route (PKCE, state, nonce), the role from the
// groups claim, every refusal of a bad callback (audited, nothing created), and the role re-check by refresh token.

const { startSimulator } = await import('@/sim/okta');
let skewMs = 0; // the org's clock, moved to mint ID tokens that are already expired
const sim = await startSimulator({ seed: 'tiny', clock: () => Date.now() + skewMs });
const app = sim.control.createWebApp({
  label: 'Okta Access Console',
  redirectUris: ['http://localhost:3000/api/auth/callback/okta'],
  postLogoutRedirectUris: ['http://localhost:3000/sign-in'],
  pkceRequired: true,
});
const group = (name: string) => {
  const g = sim.control.createGroup({ name });
  sim.control.assignAppToGroup(app.clientId, g.id);
  return g.id;
};
const admins = group('Console Admins');
const ops = group('Access Ops');
const person = (login: string, groupId: string | null) => {
  const u = sim.control.createUser({ login, firstName: login.split('@')[0]!, lastName: 'Test' });
  if (groupId) sim.control.addMember(groupId, u.id);
  else sim.control.assignAppToUser(app.clientId, u.id);
  return u.id;
};
const ids = {
  ann: person('ann@example.com', admins),
  oli: person('oli@example.com', ops),
  nog: person('nog@example.com', null),
  dee: person('dee@example.com', admins),
  eve: person('eve@example.com', ops),
};
sim.control.createUser({ login: 'out@example.com', firstName: 'Out', lastName: 'Sider' });

process.env.OKTA_SIGNIN_ISSUER = sim.origin;
process.env.OKTA_SIGNIN_CLIENT_ID = app.clientId;
process.env.OKTA_SIGNIN_CLIENT_SECRET = app.clientSecret;
process.env.OKTA_SIGNIN_ROLE_GROUPS = 'admin:Console Admins;operator:Access Ops';

const route = await import('@/app/api/auth/[...nextauth]/route');
const { db, schema } = await import('@/db');
const { recheckOktaRole } = await import('./okta-recheck');
const { createConsoleUser, findUserByOkta, findUserById } = await import('./users');
const { changeConsoleUserRoleAction } = await import('@/lib/actions/console-users');
const { linkOktaAccountAction } = await import('@/lib/actions/okta-link');
const { who, sessionUser } = await import('@/test/session');

const users = async () => (await db.select({ n: count() }).from(schema.consoleUsers))[0]!.n;
const lastAudit = async () => {
  const rows = await db.select().from(schema.auditEvents);
  const row = rows.sort((a, b) => (a.id < b.id ? -1 : 1)).at(-1)!;
  return { ...row, detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null };
};
const browser = () => new Browser(route);

afterAll(() => sim.close());

describe('signing in with Okta', () => {
  it('creates the console user from the ID token with the role of their group, and audits sub and issuer', async () => {
    const b = browser();
    expect(await b.signIn('ann@example.com')).toBe('http://localhost:3000/');
    expect(b.hasSession()).toBe(true);
    const user = await findUserByOkta(sim.origin, ids.ann);
    expect(user).toMatchObject({ email: 'ann@example.com', role: 'admin', passwordHash: '!okta' });
    expect(await lastAudit()).toMatchObject({
      action: 'auth.sign_in',
      outcome: 'success',
      actorId: user!.id,
      ip: '10.9.8.7',
      detail: { method: 'okta', issuer: sim.origin, sub: ids.ann, role: 'admin' },
    });
    // Signing in again reuses the linked account.
    const before = await users();
    expect(await browser().signIn('ann@example.com')).toBe('http://localhost:3000/');
    expect(await users()).toBe(before);
  });

  it('gives the operator group the operator role, which an admin cannot change in the console', async () => {
    expect(await browser().signIn('oli@example.com')).toBe('http://localhost:3000/');
    const oli = (await findUserByOkta(sim.origin, ids.oli))!;
    expect(oli.role).toBe('operator');
    who.user = sessionUser('admin', 'Root');
    expect(await changeConsoleUserRoleAction({ userId: oli.id, role: 'admin' })).toMatchObject({
      ok: false,
      code: 'conflict',
      error: expect.stringContaining('their role follows their Okta groups') as unknown,
    });
    expect((await findUserById(oli.id))?.role).toBe('operator');
  });
});

describe('refusals: a clear page, an audit event, nothing created', () => {
  let before: number;
  beforeEach(async () => {
    before = await users();
  });
  const refused = async (b: Browser, location: string, reason: string) => {
    expect(location).toMatch(new RegExp(`^/sign-in/refused\\?reason=${reason}(&|$)`));
    expect(b.hasSession()).toBe(false);
    expect(await users()).toBe(before);
  };

  it('no matching group', async () => {
    const b = browser();
    await refused(b, await b.signIn('nog@example.com'), 'no_group');
    expect(await lastAudit()).toMatchObject({
      action: 'auth.sign_in',
      outcome: 'denied',
      detail: { method: 'okta', reason: 'no_group', sub: ids.nog, issuer: sim.origin },
    });
  });

  it("Okta's access_denied, with Okta's text", async () => {
    const b = browser();
    const location = await b.signIn('out@example.com');
    await refused(b, location, 'okta_error');
    expect(location).toContain('&okta=0');
    expect(await lastAudit()).toMatchObject({
      outcome: 'denied',
      detail: {
        reason: 'okta_error',
        oktaError: 'access_denied',
        oktaText: 'User is not assigned to the client application.',
      },
    });
  });

  it('a wrong state', async () => {
    const b = browser();
    const back = await b.toOkta('ann@example.com');
    back.searchParams.set('state', 'forged-state');
    await refused(b, await b.callback(back), 'state');
    expect(await lastAudit()).toMatchObject({ outcome: 'failure', detail: { reason: 'state' } });
  });

  it('a replayed code', async () => {
    const first = browser();
    const used = await first.toOkta('ann@example.com');
    expect(await first.callback(used)).toBe('http://localhost:3000/');
    before = await users();
    const b = browser();
    const mine = await b.toOkta('ann@example.com');
    mine.searchParams.set('code', used.searchParams.get('code')!);
    await refused(b, await b.callback(mine), 'code');
    expect(await lastAudit()).toMatchObject({
      outcome: 'failure',
      detail: {
        reason: 'code',
        oktaError: 'invalid_grant',
        oktaText: 'The authorization code is invalid or has expired.',
      },
    });
  });

  it('a missing PKCE verifier', async () => {
    const b = browser();
    const back = await b.toOkta('dee@example.com');
    for (const name of [...b.jar.keys()]) if (name.endsWith('pkce.code_verifier')) b.jar.delete(name);
    await refused(b, await b.callback(back), 'pkce');
    expect(await lastAudit()).toMatchObject({ outcome: 'failure', detail: { reason: 'pkce' } });
  });

  it.each([
    ['a wrong issuer', { iss: 'https://evil.example' }],
    ['a wrong audience', { aud: '0oaSomeOtherClient00' }],
  ])('%s in the ID token', async (_name, fault) => {
    sim.control.setIdTokenFault(app.clientId, fault);
    try {
      const b = browser();
      await refused(b, await b.signIn('dee@example.com'), 'id_token');
    } finally {
      sim.control.setIdTokenFault(app.clientId, {});
    }
    expect(await lastAudit()).toMatchObject({ outcome: 'failure', detail: { reason: 'id_token' } });
  });

  it('an expired ID token', async () => {
    skewMs = -2 * 3600_000;
    try {
      const b = browser();
      await refused(b, await b.signIn('dee@example.com'), 'id_token');
    } finally {
      skewMs = 0;
    }
    expect(await lastAudit()).toMatchObject({ outcome: 'failure', detail: { reason: 'id_token' } });
  });

  it('an existing console account with the same email is not linked by email', async () => {
    await createConsoleUser({
      email: 'eve@example.com',
      name: 'Eve Local',
      password: 'a long password 1',
      role: 'viewer',
      createdBy: null,
    });
    before = await users();
    const b = browser();
    await refused(b, await b.signIn('eve@example.com'), 'email_in_use');
    expect(await findUserByOkta(sim.origin, ids.eve)).toBeUndefined();
  });

  it('a console account disabled here', async () => {
    const user = (await findUserByOkta(sim.origin, ids.oli))!;
    await db.update(schema.consoleUsers).set({ disabled: true }).where(eq(schema.consoleUsers.id, user.id));
    const b = browser();
    await refused(b, await b.signIn('oli@example.com'), 'disabled');
    await db.update(schema.consoleUsers).set({ disabled: false }).where(eq(schema.consoleUsers.id, user.id));
  });
});

describe('linking a password account to Okta, on purpose only', () => {
  it("its owner confirms the password, then signs in with Okta: that account is linked, whatever Okta's email", async () => {
    const local = await createConsoleUser({
      email: 'eve.local@example.com',
      name: 'Eve Local',
      password: 'a long password 2',
      role: 'viewer',
      createdBy: null,
    });
    who.user = sessionUser('viewer', 'Eve');
    who.user.id = local.id;
    inFlight.cookies = new Map();
    expect(await linkOktaAccountAction({ password: 'not my password' })).toMatchObject({
      ok: false,
      fieldErrors: { password: ['Wrong password'] },
    });
    expect(inFlight.cookies.size).toBe(0);
    expect(await linkOktaAccountAction({ password: 'a long password 2' })).toMatchObject({ ok: true });
    const intent = new Map(inFlight.cookies);
    const b = browser();
    for (const [k, v] of intent) b.jar.set(k, v);
    const before = await users();
    expect(await b.signIn('eve@example.com')).toBe('http://localhost:3000/');
    expect(await users()).toBe(before);
    expect(await findUserByOkta(sim.origin, ids.eve)).toMatchObject({ id: local.id, role: 'operator' });
    const events = await db.select().from(schema.auditEvents);
    expect(
      events.some((e) => e.action === 'console_user.link_okta' && e.outcome === 'success' && e.actorId === local.id),
    ).toBe(true);
    // A copy of the intent links nothing else: the account it names is linked now.
    const replay = browser();
    for (const [k, v] of intent) replay.jar.set(k, v);
    expect(await replay.signIn('dee@example.com')).toBe('/sign-in/refused?reason=link_failed');
    expect(await findUserByOkta(sim.origin, ids.dee)).toBeUndefined();
  });
});

describe('roles follow Okta: the re-check by refresh token', () => {
  /** Makes the user's check due, as if OKTA_SIGNIN_ROLE_RECHECK_SECONDS had passed. */
  const due = async (sub: string) => {
    const user = (await findUserByOkta(sim.origin, sub))!;
    const past = new Date(Date.now() - 3600_000);
    await db.update(schema.consoleUsers).set({ oktaCheckedAt: past }).where(eq(schema.consoleUsers.id, user.id));
    return (await findUserById(user.id))!;
  };

  beforeAll(async () => {
    expect(await browser().signIn('dee@example.com')).toBe('http://localhost:3000/');
  });

  it('is not due within the interval: no call to Okta', async () => {
    const user = (await findUserByOkta(sim.origin, ids.dee))!;
    const issued = sim.control.stats().tokensIssued;
    expect(await recheckOktaRole(user)).toEqual(user);
    expect(sim.control.stats().tokensIssued).toBe(issued);
  });

  it('an admin moved to the operator group becomes an operator in place (same session)', async () => {
    sim.control.removeMember(admins, ids.dee);
    sim.control.addMember(ops, ids.dee);
    const user = await due(ids.dee);
    const checked = await recheckOktaRole(user);
    expect(checked).toMatchObject({ role: 'operator', sessionVersion: user.sessionVersion });
    expect(await lastAudit()).toMatchObject({
      action: 'auth.okta_role_check',
      outcome: 'success',
      detail: { from: 'admin', to: 'operator', sub: ids.dee },
    });
  });

  it('no mapped group left ends the sessions', async () => {
    sim.control.removeMember(ops, ids.dee);
    sim.control.assignAppToUser(app.clientId, ids.dee);
    const user = await due(ids.dee);
    expect(await recheckOktaRole(user)).toBeNull();
    expect((await findUserById(user.id))!.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await lastAudit()).toMatchObject({
      action: 'auth.okta_role_check',
      outcome: 'denied',
      detail: { reason: 'no_group' },
    });
  });

  it('a user deactivated in Okta is signed out at the next check and cannot sign in', async () => {
    const user = await due(ids.ann);
    sim.control.updateUser(ids.ann, { status: 'DEPROVISIONED' });
    expect(await recheckOktaRole(user)).toBeNull();
    expect(await lastAudit()).toMatchObject({
      detail: {
        reason: 'refresh_refused',
        oktaError: 'invalid_grant',
        oktaText: 'The refresh token is invalid or expired.',
      },
    });
    await expect(browser().toOkta('ann@example.com')).rejects.toThrow(/did not redirect: 200/);
  });
});
