import { who } from '@/test/session';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Time-bound grants through the automation API and the console's server actions: `expiresAt` + `reason` on the
// changes that give access, the grants routes, and bad input refused field by field with nothing changed.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});
vi.mock('@/lib/auth/current-user', () => import('@/test/session'));
who.user = { id: `usr_${'o'.repeat(20)}`, email: 'otto@example.com', name: 'Otto', role: 'operator' };
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('next/headers', () => ({ headers: () => Promise.resolve(new Headers({ 'x-forwarded-for': '127.0.0.9' })) }));

const { startSimulator } = await import('@/sim/okta');
const { db, schema } = await import('@/db');
const { simIntegration } = await import('@/lib/integrations/test-support/sim-integration');
const { createApiToken } = await import('@/lib/api-tokens/store');
const members = await import('@/app/api/v1/integrations/[integrationId]/groups/[groupId]/members/[userId]/route');
const appGroups = await import('@/app/api/v1/integrations/[integrationId]/apps/[appId]/groups/[groupId]/route');
const grantList = await import('@/app/api/v1/integrations/[integrationId]/grants/route');
const grantOne = await import('@/app/api/v1/integrations/[integrationId]/grants/[grantId]/route');
const { addUserToGroupAction, assignAppToUserAction } = await import('@/lib/actions/access');
const { endGrantNowAction, extendGrantAction, makeGrantPermanentAction } = await import('@/lib/actions/grants');

type Handler = (req: Request, ctx?: { params?: Promise<unknown> }) => Promise<Response>;
interface Grant {
  id: string;
  state: string;
  endsAt: string;
  reason: string;
  what: string;
  grantedBy: { type: string; label: string };
  path: string;
}
interface Body {
  grant: Grant;
  items: Grant[];
  outcome: string;
  changed: boolean;
  error: { code: string; message: string; fields: Record<string, string[]> };
}

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let org: string, writer: string, reader: string;
let ada: string, bob: string, cy: string, eng: string, ops: string, wiki: string;
const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

async function call(
  fn: Handler,
  method: string,
  o: { secret: string; params: Record<string, string>; query?: string; body?: unknown },
) {
  const res = await fn(
    new Request(`http://localhost/api/v1/x${o.query ?? ''}`, {
      method,
      headers: { authorization: `Bearer ${o.secret}`, 'x-forwarded-for': '10.9.8.7' },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    }),
    { params: Promise.resolve(o.params) },
  );
  return { status: res.status, json: (await res.json()) as Body };
}
const snapshot = async () => ({
  grants: (await db.select({ n: count() }).from(schema.grants))[0]!.n,
  writes: JSON.stringify(sim.control.stats().mutations),
});

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty' });
  org = await simIntegration(sim, { name: 'Grants org' });
  const token = (access: 'read' | 'write') =>
    createApiToken({ name: `${access} bot`, access, integrationIds: [org], expiresAt: null, createdBy: 'usr_admin' });
  writer = (await token('write')).secret;
  reader = (await token('read')).secret;
  const c = sim.control;
  ada = c.createUser({ login: 'ada@example.com', firstName: 'Ada', lastName: 'L', email: 'ada@example.com' }).id;
  bob = c.createUser({ login: 'bob@example.com', firstName: 'Bob', lastName: 'B', email: 'bob@example.com' }).id;
  cy = c.createUser({ login: 'cy@example.com', firstName: 'Cy', lastName: 'C', email: 'cy@example.com' }).id;
  eng = c.createGroup({ name: 'Engineering' }).id;
  ops = c.createGroup({ name: 'Ops' }).id;
  wiki = c.createApp({ label: 'Wiki', signOnMode: 'BOOKMARK' }).id;
});
afterAll(() => sim?.close());

describe('the automation API', () => {
  it('grants with expiresAt and reason, lists, reads, extends, ends and keeps grants', async () => {
    const params = { integrationId: org, groupId: eng, userId: ada };
    const put = await call(members.PUT, 'PUT', {
      secret: writer,
      params,
      body: { expiresAt: inHours(4), reason: 'on call this week' },
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      outcome: 'added',
      changed: true,
      grant: {
        state: 'active',
        reason: 'on call this week',
        what: 'ada@example.com in Engineering',
        grantedBy: { type: 'token', label: 'write bot' },
      },
    });
    const id = put.json.grant.id;
    expect(put.json.grant.path).toBe(`/api/v1/integrations/${org}/grants/${id}`);

    const list = await call(grantList.GET, 'GET', { secret: reader, params: { integrationId: org }, query: '?q=ada' });
    expect(list.status).toBe(200);
    expect(list.json.items.map((g) => g.id)).toEqual([id]);
    expect(list.json).toMatchObject({ nextCursor: null, next: null });
    expect(
      (await call(grantList.GET, 'GET', { secret: reader, params: { integrationId: org }, query: '?q=nobody' })).json
        .items,
    ).toEqual([]);
    const read = await call(grantOne.GET, 'GET', { secret: reader, params: { integrationId: org, grantId: id } });
    expect(read.json.grant).toMatchObject({ id, state: 'active' });

    const later = inHours(8);
    const patched = await call(grantOne.PATCH, 'PATCH', {
      secret: writer,
      params: { integrationId: org, grantId: id },
      body: { expiresAt: later },
    });
    expect(patched).toMatchObject({ status: 200, json: { grant: { state: 'active', endsAt: later } } });
    expect(
      (
        await call(grantOne.PATCH, 'PATCH', {
          secret: reader,
          params: { integrationId: org, grantId: id },
          body: { permanent: true },
        })
      ).status,
    ).toBe(403);

    const ended = await call(grantOne.DELETE, 'DELETE', {
      secret: writer,
      params: { integrationId: org, grantId: id },
    });
    expect(ended).toMatchObject({ status: 200, json: { grant: { state: 'ended' } } });
    expect(sim.control.getGroupMemberIds(eng)).toEqual([]);
    expect(
      (await call(grantOne.DELETE, 'DELETE', { secret: writer, params: { integrationId: org, grantId: id } })).status,
    ).toBe(409);

    const app = await call(appGroups.PUT, 'PUT', {
      secret: writer,
      params: { integrationId: org, appId: wiki, groupId: ops },
      body: { priority: 0, expiresAt: inHours(1), reason: 'migration' },
    });
    expect(app.json).toMatchObject({ outcome: 'assigned', grant: { what: 'Wiki for Ops' } });
    const kept = await call(grantOne.PATCH, 'PATCH', {
      secret: writer,
      params: { integrationId: org, grantId: app.json.grant.id },
      body: { permanent: true },
    });
    expect(kept).toMatchObject({ status: 200, json: { grant: { state: 'permanent' } } });
    const other = await call(grantOne.GET, 'GET', {
      secret: reader,
      params: { integrationId: org, grantId: `grt_${'x'.repeat(20)}` },
    });
    expect(other.status).toBe(404);
  });

  it('refuses a bad end or reason field by field, and changes nothing', async () => {
    const before = await snapshot();
    const params = { integrationId: org, groupId: eng, userId: bob };
    const cases: [unknown, string, RegExp][] = [
      [{ expiresAt: inHours(1) }, 'reason', /reason is required with expiresAt/],
      [{ reason: 'why' }, 'expiresAt', /reason goes with expiresAt/],
      [{ expiresAt: 'tomorrow', reason: 'x' }, 'expiresAt', /ISO 8601/],
      [{ expiresAt: inHours(-1), reason: 'x' }, 'expiresAt', /is in the past: choose an end after now/],
      [{ expiresAt: inHours(24 * 100), reason: 'x' }, 'expiresAt', /at most 90 days from now/],
      [{ expiresAt: inHours(1), reason: 'x', until: 'x' }, '_', /Unknown field until/],
    ];
    for (const [body, field, message] of cases) {
      const r = await call(members.PUT, 'PUT', { secret: writer, params, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.fields[field], JSON.stringify(body)).toEqual([expect.stringMatching(message)]);
    }
    const patch = await call(grantOne.PATCH, 'PATCH', {
      secret: writer,
      params: { integrationId: org, grantId: `grt_${'x'.repeat(20)}` },
      body: { expiresAt: inHours(1), permanent: true },
    });
    expect(patch.json.error.fields.expiresAt).toEqual(['Send either expiresAt (a new end) or "permanent": true']);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the console’s actions', () => {
  it('grant from a form (FormData: expiresAt as the form sends it, and a reason), then extend, keep, end', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      integrationId: org,
      userId: cy,
      groupId: ops,
      expiresAt: inHours(1),
      reason: 'debugging the deploy',
    }))
      form.set(k, v);
    const r = await addUserToGroupAction(form);
    expect(r).toMatchObject({ ok: true, data: { outcome: 'added', grant: { state: 'active' } } });
    if (!r.ok || !('grant' in r.data) || !r.data.grant) throw new Error('no grant');
    const grantId = r.data.grant.id;
    expect(r.message).toMatch(/^cy@example\.com added to Ops\. Until .* UTC\.$/);

    const extended = await extendGrantAction({ integrationId: org, grantId, expiresAt: inHours(2) });
    expect(extended).toMatchObject({ ok: true, data: { state: 'active' } });
    expect(await extendGrantAction({ integrationId: org, grantId, expiresAt: inHours(-2) })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      fieldErrors: { expiresAt: [expect.stringMatching(/in the past/)] },
    });
    expect(await endGrantNowAction({ integrationId: org, grantId })).toMatchObject({
      ok: true,
      data: { state: 'ended' },
    });
    expect(await makeGrantPermanentAction({ integrationId: org, grantId })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(sim.control.getGroupMemberIds(ops)).toEqual([]);
  });

  it('a permanent change is unchanged; an end without a reason or in the past is a field error, nothing changes', async () => {
    expect(await assignAppToUserAction({ integrationId: org, appId: wiki, userId: bob, expiresAt: '' })).toMatchObject({
      ok: true,
      data: { outcome: 'assigned' },
    });
    const before = await snapshot();
    expect(
      await addUserToGroupAction({ integrationId: org, userId: bob, groupId: eng, expiresAt: inHours(1), reason: ' ' }),
    ).toMatchObject({
      ok: false,
      code: 'invalid_input',
      fieldErrors: { reason: [expect.stringMatching(/Give a reason/)] },
    });
    expect(
      await addUserToGroupAction({
        integrationId: org,
        userId: bob,
        groupId: eng,
        expiresAt: inHours(-1),
        reason: 'x',
      }),
    ).toMatchObject({
      ok: false,
      code: 'invalid_input',
      fieldErrors: { expiresAt: [expect.stringMatching(/in the past/)] },
    });
    expect(await snapshot()).toEqual(before);
  });
});
