import { sessionUser, who } from '@/test/session';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// The picker's search route with our database, lib/okta and the simulator's org in-process: bad input and
// Okta's failures answer a status and a message, never a 500.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});
vi.mock('@/lib/auth/current-user', () => import('@/test/session'));
who.user = sessionUser('viewer', 'Vera');

const { startSimulator } = await import('@/sim/okta');
const { deleteIntegration, updateIntegration } = await import('@/lib/integrations/store');
const { simIntegration } = await import('@/lib/integrations/test-support/sim-integration');
const { GET } = await import('./route');

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let org: string;

const connect = (name: string) =>
  simIntegration(sim, { name, scopes: ['okta.users.read', 'okta.groups.read', 'okta.apps.read'] });

async function search(integrationId: string, query: string) {
  const res = await GET(new Request(`http://localhost/api/directory/${integrationId}/search${query}`), {
    params: Promise.resolve({ integrationId }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      items?: Array<{ id: string; label: string; unavailable?: string }>;
      error?: string;
      code?: string;
      oktaRequestId?: string | null;
      fieldErrors?: Record<string, string[]>;
    },
  };
}

const searches = () =>
  Object.entries(sim.control.stats().requests)
    .filter(([k]) => /^GET \/api\/v1\/(users|groups|apps)$/.test(k))
    .reduce((n, [, v]) => n + v, 0);

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty' });
  org = await connect('Search org');
  sim.control.createUser({
    login: 'ada@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
  });
  sim.control.createGroup({ name: 'Engineering' });
});
afterEach(() => sim.control.clearFaults());
afterAll(() => sim?.close());

describe('GET /api/directory/[integrationId]/search', () => {
  it('finds users, groups and apps', async () => {
    const users = await search(org, '?kind=users&q=ada');
    expect(users.status).toBe(200);
    expect(users.body.items?.map((i) => i.label)).toEqual(['ada@example.com']);
    expect((await search(org, '?kind=groups&q=Eng')).body.items?.map((i) => i.label)).toEqual(['Engineering']);
  });

  it('marks what Okta would refuse for the pick’s purpose, with the reason, and nothing else', async () => {
    sim.control.createGroup({ name: 'Pick okta' });
    sim.control.createGroup({ name: 'Pick imported', type: 'APP_GROUP' });
    sim.control.createApp({ label: 'Pick wiki', signOnMode: 'BOOKMARK' });
    sim.control.createApp({ label: 'Pick old wiki', signOnMode: 'BOOKMARK', status: 'INACTIVE' });
    const marks = async (query: string) =>
      Object.fromEntries((await search(org, query)).body.items?.map((i) => [i.label, i.unavailable ?? null]) ?? []);

    expect(await marks('?kind=groups&q=Pick&for=membership')).toEqual({
      'Pick okta': null,
      'Pick imported': expect.stringMatching(/imported from an app \(APP_GROUP\)/) as string,
    });
    const everyone = await marks('?kind=groups&q=Everyone&for=membership');
    expect(everyone.Everyone).toMatch(/managed by Okta \(BUILT_IN\)/);
    // An app may be assigned to any group, so the groups of an app assignment are all offered.
    expect(await marks('?kind=groups&q=Pick&for=app_group')).toEqual({ 'Pick okta': null, 'Pick imported': null });
    expect(await marks('?kind=apps&q=Pick&for=app_user')).toEqual({
      'Pick wiki': null,
      'Pick old wiki': 'Pick old wiki is inactive: activate it in Okta before changing assignments.',
    });
    // Without a purpose nothing is marked; an unknown purpose is refused.
    expect(Object.values(await marks('?kind=groups&q=Pick'))).toEqual([null, null]);
    const bad = await search(org, '?kind=groups&q=Pick&for=everything');
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors?.for?.[0]).toMatch(/for must be membership, app_user or app_group/);
  });

  it('marks a group that holds an admin role for a membership, unless the app is known to be a Super Administrator', async () => {
    const admins = sim.control.createGroup({ name: 'Pick admins' }).id;
    sim.control.setGroupAdminRole(admins, true);
    const marked = async (integrationId: string) =>
      (await search(integrationId, '?kind=groups&q=Pick admins&for=membership')).body.items?.[0]?.unavailable;
    expect(await marked(org)).toMatch(/Pick admins holds an admin role: Okta lets only a Super Administrator/);
    // An app may still be assigned to it.
    const forApps = await search(org, '?kind=groups&q=Pick admins&for=app_group');
    expect(forApps.body.items?.[0]?.unavailable).toBeUndefined();
    const superOrg = await connect('Super org');
    const report = { writeAccess: { roles: [{ type: 'SUPER_ADMIN', label: 'Super Administrator', allows: '' }] } };
    await updateIntegration(superOrg, { lastTestReport: report }, 'usr_test');
    expect(await marked(superOrg)).toBeUndefined();
  });

  it('an unknown or deleted integration is 404 with a message, not a 500', async () => {
    const unknown = await search('int_00000000000000000000', '?kind=users&q=ada');
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: 'This integration no longer exists.', code: 'not_found' },
    });
    const doomed = await connect('Doomed');
    expect((await search(doomed, '?kind=users&q=ada')).status).toBe(200);
    await deleteIntegration(doomed);
    expect(await search(doomed, '?kind=groups&q=Eng')).toMatchObject({
      status: 404,
      body: { error: 'This integration no longer exists.' },
    });
    expect((await search('nope', '?kind=users')).status).toBe(404);
  });

  it('Okta answering a redirect (3xx) is 502 saying so, with Okta’s request id', async () => {
    for (const status of [301, 302, 307]) {
      sim.control.faults({ status, pathPrefix: '/api/v1/users', count: 1 });
      const r = await search(org, '?kind=users&q=ada');
      expect(r.status).toBe(502);
      expect(r.body.code).toBe('okta');
      expect(r.body.oktaRequestId).toMatch(/^req/);
      expect(r.body.error).toContain(`redirect (HTTP ${status})`);
      expect(r.body.error).not.toMatch(/reference|stack|at \w+ \(/);
    }
  });

  it('Okta’s other failures are 502 with words an admin can act on', async () => {
    sim.control.faults({ status: 403, pathPrefix: '/api/v1/groups', count: 1 });
    const r = await search(org, '?kind=groups&q=Eng');
    expect(r).toMatchObject({ status: 502, body: { code: 'okta' } });
    expect(r.body.error).toMatch(/admin roles/);
  });

  it('refuses control characters and invalid UTF-8 in q with 400 naming q; nothing reaches Okta', async () => {
    const before = searches();
    for (const q of ['%00', 'ada%1F', '%FF', 'ad%C3%28a', 'a%09b', '%7F', '%EF%BF%BD']) {
      const r = await search(org, `?kind=users&q=${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.fieldErrors?.q?.[0], q).toMatch(/^q must be plain text/);
    }
    expect(searches()).toBe(before);
    expect((await search(org, '?kind=users&q=%C3%A9lodie')).status).toBe(200); // é is text
  });
});
