import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// The automation API end to end: route handlers called with real Requests, our database, lib/okta, and
// the simulator's org in-process. Time is moved through apiRuntime, never slept.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const { startSimulator } = await import('@/sim/okta');
const { db, schema } = await import('@/db');
const { lastAudit } = await import('@/test/audit');
const { DEFAULT_SCOPES } = await import('@/lib/okta');
const { deleteIntegration } = await import('@/lib/integrations/store');
const { simIntegration } = await import('@/lib/integrations/test-support/sim-integration');
const { createApiToken, hashSecret, revokeApiToken } = await import('@/lib/api-tokens/store');
const { apiRuntime } = await import('@/lib/api-tokens/rate-limit');
const integrations = await import('@/app/api/v1/integrations/route');
const users = await import('@/app/api/v1/integrations/[integrationId]/users/route');
const groups = await import('@/app/api/v1/integrations/[integrationId]/groups/route');
const apps = await import('@/app/api/v1/integrations/[integrationId]/apps/route');
const members = await import('@/app/api/v1/integrations/[integrationId]/groups/[groupId]/members/[userId]/route');
const appUsers = await import('@/app/api/v1/integrations/[integrationId]/apps/[appId]/users/[userId]/route');
const appGroups = await import('@/app/api/v1/integrations/[integrationId]/apps/[appId]/groups/[groupId]/route');
const { MAX_BODY_BYTES } = await import('./gate');

interface Body {
  items: Array<{ id: string }>;
  error: { code: string; message: string; fields: Record<string, string[]> };
  oktaRequestId: string;
  [key: string]: unknown;
}
type Sim = Awaited<ReturnType<typeof startSimulator>>;
type Handler = (req: Request, ctx?: { params?: Promise<unknown> }) => Promise<Response>;
let sim: Sim;
let orgA: string, orgB: string;
let ada: string, bob: string, eng: string, imported: string, wiki: string, crm: string;
const realRuntime = { ...apiRuntime };

const connect = (name: string, scopes: readonly string[] = DEFAULT_SCOPES) =>
  simIntegration(sim, { name, scopes: [...scopes] });

const token = (
  o: { access?: 'read' | 'write'; integrationIds?: string[]; expiresAt?: Date | null; name?: string } = {},
) =>
  createApiToken({
    name: o.name ?? 'Joiner workflow',
    access: o.access ?? 'write',
    integrationIds: o.integrationIds ?? [orgA],
    expiresAt: o.expiresAt ?? null,
    createdBy: 'usr_admin',
  });

async function call(
  fn: Handler,
  method: string,
  o: { secret?: string; params?: Record<string, string>; query?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = { 'x-forwarded-for': '10.9.8.7' };
  if (o.secret) headers.authorization = `Bearer ${o.secret}`;
  const body = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  const res = await fn(new Request(`http://localhost/api/v1/x${o.query ?? ''}`, { method, headers, body }), {
    params: Promise.resolve(o.params ?? {}),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Body };
}

const writes = () => Object.entries(sim.control.stats().requests).filter(([k]) => /^(PUT|POST|DELETE) \/api/.test(k));

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty' });
  orgA = await connect('Org A');
  orgB = await connect('Org B');
  const c = sim.control;
  ada = c.createUser({ login: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' }).id;
  bob = c.createUser({ login: 'bob@example.com', firstName: 'Bob', lastName: 'Byron', email: 'bob@example.com' }).id;
  eng = c.createGroup({ name: 'Engineering' }).id;
  imported = c.createGroup({ name: 'AD Admins', type: 'APP_GROUP' }).id;
  wiki = c.createApp({ label: 'Wiki', signOnMode: 'BOOKMARK' }).id;
  crm = c.createApp({ label: 'CRM', signOnMode: 'SAML_2_0' }).id;
});

afterEach(() => Object.assign(apiRuntime, realRuntime));
afterAll(() => sim?.close());

describe('API token authentication', () => {
  it('a created token works, lists only its integrations, and the database holds its hash, never the secret', async () => {
    const { token: t, secret } = await token();
    expect(secret).toMatch(/^oac_[A-Za-z0-9_-]{43}$/);
    const list = await call(integrations.GET, 'GET', { secret });
    expect(list.status).toBe(200);
    expect(list.json.items.map((i) => i.id)).toEqual([orgA]);
    const found = await call(users.GET, 'GET', { secret, params: { integrationId: orgA }, query: '?q=ada' });
    expect(found.json.items).toEqual([expect.objectContaining({ id: ada, login: 'ada@example.com' })]);
    expect(
      (await call(groups.GET, 'GET', { secret, params: { integrationId: orgA }, query: '?q=Eng' })).json.items,
    ).toEqual([expect.objectContaining({ id: eng, type: 'OKTA_GROUP' })]);
    expect(
      (await call(apps.GET, 'GET', { secret, params: { integrationId: orgA }, query: '?q=Wiki' })).json.items[0],
    ).toMatchObject({ id: wiki, label: 'Wiki' });

    const [row] = await db.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, t.id));
    expect(row!.tokenHash).toBe(hashSecret(secret));
    const everything = JSON.stringify(
      await Promise.all(Object.values(schema).map((table) => db.select().from(table as typeof schema.apiTokens))),
    );
    expect(everything).not.toContain(secret.slice(4));
    expect(everything).not.toContain(secret.slice(10, 30));
  });

  it('missing, wrong, revoked and expired tokens get 401 with a Bearer challenge; known tokens’ refusals are audited', async () => {
    const none = await call(integrations.GET, 'GET');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    expect(none.json.error.code).toBe('unauthenticated');

    const wrong = await call(integrations.GET, 'GET', { secret: `oac_${'A'.repeat(43)}` });
    expect(wrong).toMatchObject({ status: 401, json: { error: { code: 'invalid_token' } } });
    expect(wrong.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);

    const { token: t, secret } = await token({ name: 'Revoke me' });
    expect((await call(integrations.GET, 'GET', { secret })).status).toBe(200);
    await revokeApiToken(t.id, 'usr_admin');
    const revoked = await call(integrations.GET, 'GET', { secret });
    expect(revoked.status).toBe(401);
    expect(revoked.json.error.message).toMatch(/revoked/);
    expect(await lastAudit()).toMatchObject({
      actorType: 'token',
      actorId: t.id,
      actorLabel: 'Revoke me',
      outcome: 'denied',
      action: 'api.list_integrations',
      ip: '10.9.8.7',
    });

    const soon = await token({ expiresAt: new Date(Date.now() + 60_000) });
    expect((await call(integrations.GET, 'GET', { secret: soon.secret })).status).toBe(200);
    apiRuntime.now = () => new Date(Date.now() + 61_000);
    const expired = await call(integrations.GET, 'GET', { secret: soon.secret });
    expect(expired.status).toBe(401);
    expect(expired.json.error.message).toMatch(/expired/);
    expect(JSON.parse((await lastAudit()).detail!)).toMatchObject({ reason: 'expired' });
  });

  it('a flood of unknown tokens from one address writes one audit row per window, counting the ones left out', async () => {
    const t0 = new Date('2032-03-01T00:00:00Z');
    Object.assign(apiRuntime, { now: () => t0 });
    const unknownRows = async () =>
      (await db.select().from(schema.auditEvents)).filter((e) => e.actorLabel === 'unknown API token').length;
    const before = await unknownRows();
    const bogus = (n: number) => call(integrations.GET, 'GET', { secret: `oac_${String(n).padStart(43, 'x')}` });
    for (let n = 0; n < 25; n++) expect((await bogus(n)).status).toBe(401);
    expect(await unknownRows()).toBe(before + 1);
    apiRuntime.now = () => new Date(t0.getTime() + 60_000);
    expect((await bogus(99)).status).toBe(401);
    expect(await unknownRows()).toBe(before + 2);
    expect(await lastAudit()).toMatchObject({ actorType: 'anonymous', outcome: 'denied', ip: '10.9.8.7' });
    expect(JSON.parse((await lastAudit()).detail!)).toMatchObject({ reason: 'unknown_token', suppressedBefore: 24 });
  });

  it('stamps lastUsedAt with each request', async () => {
    const { token: t, secret } = await token();
    const lastUsed = async () =>
      (await db.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, t.id)))[0]!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const at = new Date('2031-05-01T10:00:00Z');
    apiRuntime.now = () => at;
    await call(integrations.GET, 'GET', { secret });
    expect((await lastUsed())?.getTime()).toBe(at.getTime());
  });
});

describe('scopes', () => {
  it('a read token can read but gets 403 on every write endpoint, and Okta is not touched', async () => {
    const { token: t, secret } = await token({ access: 'read', name: 'Reporting' });
    const p = { integrationId: orgA, groupId: eng, userId: ada };
    expect((await call(members.GET, 'GET', { secret, params: p })).json).toMatchObject({ member: false });
    const before = writes();
    for (const [fn, method, params] of [
      [members.PUT, 'PUT', p],
      [members.DELETE, 'DELETE', p],
      [appUsers.PUT, 'PUT', { integrationId: orgA, appId: wiki, userId: ada }],
      [appUsers.DELETE, 'DELETE', { integrationId: orgA, appId: wiki, userId: ada }],
      [appGroups.PUT, 'PUT', { integrationId: orgA, appId: wiki, groupId: eng }],
      [appGroups.DELETE, 'DELETE', { integrationId: orgA, appId: wiki, groupId: eng }],
    ] as const) {
      const r = await call(fn, method, { secret, params });
      expect(r.status, `${method} ${JSON.stringify(params)}`).toBe(403);
      expect(r.json.error.message).toMatch(/read access/);
    }
    expect(writes()).toEqual(before);
    expect(sim.control.getGroupMemberIds(eng)).not.toContain(ada);
    expect(await lastAudit()).toMatchObject({
      actorType: 'token',
      actorId: t.id,
      outcome: 'denied',
      action: 'app.unassign_group',
    });
  });

  it('a token scoped to integration A gets 403 on integration B, reads and writes alike', async () => {
    const { secret } = await token({ integrationIds: [orgA] });
    const onB = await call(members.PUT, 'PUT', { secret, params: { integrationId: orgB, groupId: eng, userId: bob } });
    expect(onB.status).toBe(403);
    expect(onB.json.error.message).toContain(orgB);
    expect((await call(users.GET, 'GET', { secret, params: { integrationId: orgB } })).status).toBe(403);
    expect(sim.control.getGroupMemberIds(eng)).not.toContain(bob);
    expect(JSON.parse((await lastAudit()).detail!)).toMatchObject({ reason: 'integration_scope', integrationId: orgB });
    const both = await token({ integrationIds: [orgA, orgB] });
    expect((await call(users.GET, 'GET', { secret: both.secret, params: { integrationId: orgB } })).status).toBe(200);
  });
});

describe('mutations', () => {
  it('each change answers with the outcome and Okta’s request id, and writes an audit row with the token as the actor', async () => {
    const { token: t, secret } = await token({ name: 'Joiner workflow' });
    const expectAudited = async (r: Awaited<ReturnType<typeof call>>, action: string) => {
      expect(r.json.oktaRequestId).toMatch(/\S{8,}/);
      expect(await lastAudit()).toMatchObject({
        action,
        actorType: 'token',
        actorId: t.id,
        actorLabel: 'Joiner workflow',
        integrationId: orgA,
        oktaRequestId: r.json.oktaRequestId,
        ip: '10.9.8.7',
      });
    };
    const m = { integrationId: orgA, groupId: eng, userId: ada };
    const added = await call(members.PUT, 'PUT', { secret, params: m });
    expect(added).toMatchObject({
      status: 200,
      json: { outcome: 'added', changed: true, message: 'ada@example.com added to Engineering.' },
    });
    expect(sim.control.getGroupMemberIds(eng)).toContain(ada);
    await expectAudited(added, 'group.add_member');
    const again = await call(members.PUT, 'PUT', { secret, params: m });
    expect(again).toMatchObject({ status: 200, json: { outcome: 'already_member', changed: false } });
    expect((await call(members.GET, 'GET', { secret, params: m })).json).toMatchObject({ member: true });
    await expectAudited(await call(members.DELETE, 'DELETE', { secret, params: m }), 'group.remove_member');
    expect(sim.control.getGroupMemberIds(eng)).not.toContain(ada);

    const au = { integrationId: orgA, appId: wiki, userId: ada };
    const assigned = await call(appUsers.PUT, 'PUT', { secret, params: au });
    expect(assigned.json).toMatchObject({ outcome: 'assigned' });
    await expectAudited(assigned, 'app.assign_user');
    expect((await call(appUsers.GET, 'GET', { secret, params: au })).json).toMatchObject({ access: 'direct' });
    await expectAudited(await call(appUsers.DELETE, 'DELETE', { secret, params: au }), 'app.unassign_user');
    expect(sim.control.getAppUser(wiki, ada)).toBeNull();

    sim.control.addMember(eng, bob);
    const ag = { integrationId: orgA, appId: crm, groupId: eng };
    const toGroup = await call(appGroups.PUT, 'PUT', { secret, params: ag, body: { priority: 2 } });
    expect(toGroup.json).toMatchObject({ outcome: 'assigned', message: 'CRM assigned to Engineering (priority 2).' });
    await expectAudited(toGroup, 'app.assign_group');
    expect(
      (await call(appUsers.GET, 'GET', { secret, params: { integrationId: orgA, appId: crm, userId: bob } })).json,
    ).toMatchObject({ access: 'group', viaGroups: [{ id: eng, name: 'Engineering' }] });
    const refused = await call(appUsers.DELETE, 'DELETE', {
      secret,
      params: { integrationId: orgA, appId: crm, userId: bob },
    });
    expect(refused).toMatchObject({
      status: 409,
      json: { error: { code: 'refused', viaGroups: [{ id: eng, name: 'Engineering' }] } },
    });
    expect(await lastAudit()).toMatchObject({ action: 'app.unassign_user', outcome: 'denied', actorId: t.id });
    await expectAudited(await call(appGroups.DELETE, 'DELETE', { secret, params: ag }), 'app.unassign_group');
  });

  it('refusals are 409 and unknown objects 404, both audited', async () => {
    const { token: t, secret } = await token();
    const appGroup = await call(members.PUT, 'PUT', {
      secret,
      params: { integrationId: orgA, groupId: imported, userId: ada },
    });
    expect(appGroup.status).toBe(409);
    expect(appGroup.json.error.message).toMatch(/imported from an app/);
    expect(await lastAudit()).toMatchObject({ action: 'group.add_member', outcome: 'denied', actorId: t.id });
    const missing = await call(members.PUT, 'PUT', {
      secret,
      params: { integrationId: orgA, groupId: eng, userId: '00u0000000000000none' },
    });
    expect(missing).toMatchObject({ status: 404, json: { error: { code: 'not_found' } } });
    expect(await lastAudit()).toMatchObject({ action: 'group.add_member', outcome: 'failure', actorId: t.id });
  });

  it('Okta’s refusals are 502 with words an admin can act on; a deleted integration is 404 and drops out of the list', async () => {
    const noManage = await connect(
      'No groups.manage',
      DEFAULT_SCOPES.filter((x) => x !== 'okta.groups.manage'),
    );
    const doomed = await connect('Doomed');
    const { secret } = await token({ integrationIds: [noManage, doomed] });
    const r = await call(members.PUT, 'PUT', {
      secret,
      params: { integrationId: noManage, groupId: eng, userId: ada },
    });
    expect(r).toMatchObject({ status: 502, json: { error: { code: 'okta' } } });
    expect(r.json.error.message).toMatch(/okta\.groups\.manage/);
    expect(sim.control.getGroupMemberIds(eng)).not.toContain(ada);
    await deleteIntegration(doomed);
    expect(
      (await call(members.GET, 'GET', { secret, params: { integrationId: doomed, groupId: eng, userId: bob } })).json
        .error,
    ).toMatchObject({ code: 'not_found', message: 'This integration no longer exists.' });
    expect(
      (await call(members.PUT, 'PUT', { secret, params: { integrationId: doomed, groupId: eng, userId: bob } })).status,
    ).toBe(404);
    expect((await call(integrations.GET, 'GET', { secret })).json.items.map((i) => i.id)).toEqual([noManage]);
  });

  it('bad ids or body answer 400 naming each field, and nothing reaches Okta', async () => {
    const { secret } = await token();
    const before = writes();
    const badIds = await call(members.PUT, 'PUT', {
      secret,
      params: { integrationId: orgA, groupId: 'Engineering', userId: 'ada' },
    });
    expect(badIds.status).toBe(400);
    expect(Object.keys(badIds.json.error.fields).sort()).toEqual(['groupId', 'userId']);
    expect(badIds.json.error.fields.userId?.[0]).toMatch(/00u/);
    const ag = { integrationId: orgA, appId: crm, groupId: eng };
    const badPriority = await call(appGroups.PUT, 'PUT', { secret, params: ag, body: { priority: 'high' } });
    expect(badPriority).toMatchObject({
      status: 400,
      json: { error: { code: 'invalid_request', fields: { priority: [expect.stringMatching(/number/)] } } },
    });
    expect(
      (await call(appGroups.PUT, 'PUT', { secret, params: ag, body: { priority: 101 } })).json.error.fields
        .priority?.[0],
    ).toMatch(/at most 100/);
    expect(
      (await call(appGroups.PUT, 'PUT', { secret, params: ag, body: { prio: 1 } })).json.error.fields._?.[0],
    ).toMatch(/Unknown field prio/);
    expect((await call(appGroups.PUT, 'PUT', { secret, params: ag, body: '{not json' })).json.error.message).toMatch(
      /must be JSON/,
    );
    const huge = await call(appGroups.PUT, 'PUT', {
      secret,
      params: ag,
      body: JSON.stringify({ priority: 1, pad: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    expect(huge).toMatchObject({ status: 413, json: { error: { code: 'too_large' } } });
    expect(
      (await call(users.GET, 'GET', { secret, params: { integrationId: orgA }, query: `?q=${'x'.repeat(101)}` })).json
        .error.fields.q,
    ).toBeDefined();
    expect(writes()).toEqual(before);
    expect(sim.control.getAppGroupIds(crm)).not.toContain(eng);
  });
});

describe('search terms', () => {
  it('control characters and invalid UTF-8 in q answer 400 naming q on users, groups and apps, and nothing reaches Okta', async () => {
    const { secret } = await token({ access: 'read' });
    const searches = () =>
      Object.entries(sim.control.stats().requests)
        .filter(([k]) => /^GET \/api\/v1\/(users|groups|apps)$/.test(k))
        .reduce((n, [, v]) => n + v, 0);
    const before = searches();
    for (const route of [users, groups, apps]) {
      for (const q of ['%00', 'ada%1F', '%FF', 'ad%C3%28a', 'a%0Ab', '%7F', '%C2%85', '%EF%BF%BD']) {
        const r = await call(route.GET, 'GET', { secret, params: { integrationId: orgA }, query: `?q=${q}` });
        expect(r.status, q).toBe(400);
        expect(r.json.error).toMatchObject({ code: 'invalid_request', message: 'Check q.' });
        expect(r.json.error.fields.q?.[0], q).toMatch(/^q must be plain text/);
      }
    }
    expect(searches()).toBe(before);
    expect((await call(users.GET, 'GET', { secret, params: { integrationId: orgA }, query: '?q=%C3%A9' })).status).toBe(
      200,
    ); // é is text
  });
});

describe('directory lists', () => {
  it('page 50 at a time with nextCursor and a next link, bound to the list and its q', async () => {
    const { secret } = await token({ access: 'read' });
    for (let i = 0; i < 60; i++)
      sim.control.createUser({
        login: `pager${String(i).padStart(2, '0')}@example.com`,
        firstName: 'Pa',
        lastName: 'Ger',
      });
    for (let i = 0; i < 55; i++) sim.control.createGroup({ name: `Pager group ${i}` });
    const get = async (route: typeof users, query: string) => {
      const r = await call(route.GET, 'GET', { secret, params: { integrationId: orgA }, query });
      return r as typeof r & { json: { nextCursor: string | null; next: string | null; truncated: boolean } };
    };
    const first = await get(users, '?q=pager');
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(50);
    expect(first.json).toMatchObject({ truncated: true, nextCursor: expect.any(String) as string });
    const next = new URL(first.json.next!, 'http://localhost');
    expect(next.pathname).toBe('/api/v1/x');
    expect(Object.fromEntries(next.searchParams)).toEqual({ q: 'pager', cursor: first.json.nextCursor });
    // As Okta pages: the same path in a Link header, rel="next".
    expect(first.headers.get('link')).toBe(`<${first.json.next}>; rel="next"`);
    const second = await get(users, next.search);
    expect(second.json.items).toHaveLength(10);
    expect(second.json).toMatchObject({ nextCursor: null, next: null, truncated: false });
    expect(second.headers.get('link')).toBeNull();
    const seen = new Set(first.json.items.map((u) => u.id));
    expect(second.json.items.filter((u) => seen.has(u.id))).toEqual([]);
    // Groups page the same way.
    const g1 = await get(groups, '?q=Pager group');
    expect(g1.json.items).toHaveLength(50);
    expect((await get(groups, `?q=Pager group&cursor=${g1.json.nextCursor}`)).json.items).toHaveLength(5);

    // A cursor of another q or list, or one the console never made, is a 400 naming cursor, with no call to Okta.
    const searches = () => sim.control.stats().requests['GET /api/v1/users'] ?? 0;
    const before = searches();
    for (const [route, query] of [
      [users, `?q=ada&cursor=${first.json.nextCursor}`],
      [groups, `?q=pager&cursor=${first.json.nextCursor}`],
      [users, '?q=pager&cursor=not-ours'],
      [users, '?q=pager&cursor=bm90IG91cnM.AAAAAAAAAAAAAAAAAAAAAA'],
    ] as const) {
      const r = await get(route, query);
      expect(r.status, query).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'invalid_request', message: 'Check cursor.' });
      expect(r.json.error.fields.cursor?.[0]).toMatch(/nextCursor of the previous answer/);
    }
    expect(searches()).toBe(before);
  });

  it('take a limit (1–200) that the next link keeps and the cursor is bound to', async () => {
    const { secret } = await token({ access: 'read' });
    for (let i = 0; i < 45; i++) sim.control.createUser({ login: `limiter${String(i).padStart(2, '0')}@example.com` });
    const get = async (query: string) => {
      const r = await call(users.GET, 'GET', { secret, params: { integrationId: orgA }, query });
      return r as typeof r & { json: { nextCursor: string | null; next: string | null } };
    };
    const logins = (r: Awaited<ReturnType<typeof get>>) => r.json.items.map((u) => (u as { login?: string }).login);
    const pages = [await get('?q=limiter&limit=20')];
    while (pages.at(-1)!.json.next) pages.push(await get(new URL(pages.at(-1)!.json.next!, 'http://localhost').search));
    expect(pages.map((p) => p.json.items.length)).toEqual([20, 20, 5]);
    expect(new URL(pages[0]!.json.next!, 'http://localhost').searchParams.get('limit')).toBe('20');
    expect(new Set(pages.flatMap(logins)).size).toBe(45);
    expect((await get('?q=limiter&limit=200')).json).toMatchObject({ nextCursor: null, next: null });
    expect((await get('?q=limiter&limit=200')).json.items).toHaveLength(45);

    // A cursor made for another page size, or a limit out of range, is a 400 naming it, with no call to Okta.
    const searches = () => sim.control.stats().requests['GET /api/v1/users'] ?? 0;
    const before = searches();
    const cursor = pages[0]!.json.nextCursor!;
    for (const [query, field, message] of [
      [`?q=limiter&cursor=${cursor}`, 'cursor', /for the same q and limit/],
      [`?q=limiter&limit=50&cursor=${cursor}`, 'cursor', /for the same q and limit/],
      ['?q=limiter&limit=0', 'limit', /at least 1/],
      ['?q=limiter&limit=201', 'limit', /at most 200/],
      ['?q=limiter&limit=ten', 'limit', /a number/],
      ['?q=limiter&limit=2.5', 'limit', /whole number/],
    ] as const) {
      const r = await get(query);
      expect(r.status, query).toBe(400);
      expect(r.json.error.code).toBe('invalid_request');
      expect(r.json.error.fields[field]?.[0], query).toMatch(message);
    }
    expect(searches()).toBe(before);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After and X-RateLimit headers past the limit, audits the first refusal only, and recovers after the window', async () => {
    const { token: t, secret } = await token({ name: 'Chatty' });
    const t0 = new Date('2031-06-01T12:00:00Z');
    Object.assign(apiRuntime, { limit: 5, windowMs: 60_000, now: () => t0 });
    for (let i = 0; i < 5; i++) {
      const r = await call(integrations.GET, 'GET', { secret });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-remaining')).toBe(String(4 - i));
    }
    const over = await call(integrations.GET, 'GET', { secret });
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe('rate_limited');
    expect(over.headers.get('retry-after')).toBe('60');
    expect(over.headers.get('x-ratelimit-limit')).toBe('5');
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(over.headers.get('x-ratelimit-reset')).toBe(String(t0.getTime() / 1000 + 60));
    await call(integrations.GET, 'GET', { secret });
    const refusals = await db.select().from(schema.auditEvents).where(eq(schema.auditEvents.actorId, t.id));
    expect(refusals.map((r) => (JSON.parse(r.detail!) as { reason: string }).reason)).toEqual(['rate_limited']);

    apiRuntime.now = () => new Date(t0.getTime() + 45_000);
    expect((await call(integrations.GET, 'GET', { secret })).headers.get('retry-after')).toBe('15');
    apiRuntime.now = () => new Date(t0.getTime() + 60_000);
    const back = await call(integrations.GET, 'GET', { secret });
    expect(back.status).toBe(200);
    expect(back.headers.get('x-ratelimit-remaining')).toBe('4');
  });

  it('counts concurrent requests exactly (one atomic update per request)', async () => {
    const { secret } = await token();
    Object.assign(apiRuntime, { limit: 5, now: () => new Date('2031-07-01T00:00:00Z') });
    const all = await Promise.all(Array.from({ length: 12 }, () => call(integrations.GET, 'GET', { secret })));
    expect(all.filter((r) => r.status === 200)).toHaveLength(5);
    expect(all.filter((r) => r.status === 429)).toHaveLength(7);
  });

  it('keeps separate windows per token', async () => {
    const a = await token();
    const b = await token();
    Object.assign(apiRuntime, { limit: 1, now: () => new Date('2031-08-01T00:00:00Z') });
    expect((await call(integrations.GET, 'GET', { secret: a.secret })).status).toBe(200);
    expect((await call(integrations.GET, 'GET', { secret: a.secret })).status).toBe(429);
    expect((await call(integrations.GET, 'GET', { secret: b.secret })).status).toBe(200);
  });
});
