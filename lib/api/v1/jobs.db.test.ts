import type { JobItemView, JobView, JsonOf } from '@/lib/jobs/types';
import type { Simulator } from '@/sim/okta';
import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Bulk jobs through the automation API: the route handlers called with real Requests, our database (SQLite,
// and Postgres in the postgres project), the simulator in-process, and a worker run in-process on demand.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const { db, schema } = await import('@/db');
const h = await import('@/lib/jobs/test-support/harness');
const { createApiToken } = await import('@/lib/api-tokens/store');
const { startWorker } = await import('@/lib/jobs/worker');
const { MAX_ENTRIES } = await import('@/lib/jobs/types');
const list = await import('@/app/api/v1/integrations/[integrationId]/jobs/route');
const one = await import('@/app/api/v1/integrations/[integrationId]/jobs/[jobId]/route');
const confirm = await import('@/app/api/v1/integrations/[integrationId]/jobs/[jobId]/confirm/route');
const cancel = await import('@/app/api/v1/integrations/[integrationId]/jobs/[jobId]/cancel/route');
const retry = await import('@/app/api/v1/integrations/[integrationId]/jobs/[jobId]/retry/route');
const undo = await import('@/app/api/v1/integrations/[integrationId]/jobs/[jobId]/undo/route');

type JobJson = JsonOf<JobView>;
/** An end two hours from now, as the API takes it. */
const soon = () => new Date(Date.now() + 2 * 3_600_000).toISOString();
/** Every answer's possible fields (a job, a job's rows, a list of jobs, an error). */
interface Body {
  job: JobJson;
  summary: Record<string, number>;
  items: JsonOf<JobItemView>[];
  nextCursor: number | string | null;
  next: string | null;
  error: { code: string; message: string; fields: Record<string, string[]> };
}
type Handler = (req: Request, ctx?: { params?: Promise<unknown> }) => Promise<Response>;
let sim: Simulator;
let orgA: string, orgB: string;
let writer: { id: string; secret: string }, reader: { id: string; secret: string };

const makeToken = async (name: string, access: 'read' | 'write', integrationIds: string[]) => {
  const { token, secret } = await createApiToken({
    name,
    access,
    integrationIds,
    expiresAt: null,
    createdBy: 'usr_admin',
  });
  return { id: token.id, secret };
};

async function call(
  fn: Handler,
  method: string,
  o: { secret: string; params: Record<string, string>; query?: string; body?: unknown },
) {
  const headers = { authorization: `Bearer ${o.secret}`, 'x-forwarded-for': '10.1.2.3' };
  const body = o.body === undefined ? undefined : JSON.stringify(o.body);
  const res = await fn(new Request(`http://localhost/api/v1/x${o.query ?? ''}`, { method, headers, body }), {
    params: Promise.resolve(o.params),
  });
  const text = await res.text();
  const [status, location, link] = [res.status, res.headers.get('location'), res.headers.get('link')];
  return { status, location, link, json: (text ? JSON.parse(text) : null) as Body };
}

const listJobs = async (secret: string, integrationId: string, query?: string) => {
  const r = await call(list.GET, 'GET', { secret, params: { integrationId }, query });
  return { ...r, json: r.json as unknown as { items: JobJson[]; nextCursor: string | null; next: string | null } };
};
const create = (body: unknown, o: { secret?: string; integrationId?: string } = {}) =>
  call(list.POST, 'POST', {
    secret: o.secret ?? writer.secret,
    params: { integrationId: o.integrationId ?? orgA },
    body,
  });
const act = (fn: Handler, jobId: string, o: { secret?: string; integrationId?: string } = {}) =>
  call(fn, 'POST', { secret: o.secret ?? writer.secret, params: { integrationId: o.integrationId ?? orgA, jobId } });
const read = (jobId: string, o: { secret?: string; integrationId?: string; query?: string } = {}) =>
  call(one.GET, 'GET', {
    secret: o.secret ?? reader.secret,
    params: { integrationId: o.integrationId ?? orgA, jobId },
    query: o.query,
  });
const jobCount = async () => Number((await db.select({ n: count() }).from(schema.bulkJobs))[0]!.n);
const auditFor = (jobId: string) =>
  db
    .select()
    .from(schema.auditEvents)
    .where(like(schema.auditEvents.detail, `%"jobId":"${jobId}"%`));

/** Runs a worker until nothing is left to claim, then stops it (so queued jobs stay queued between steps). */
async function drain() {
  // A row Okta keeps failing with a 5xx is retried for a moment (not 15 minutes) before it fails.
  const worker = startWorker({ pollMs: 20, leaseMs: 10_000, retry: { baseMs: 10, maxDelayMs: 50, windowMs: 200 } });
  await worker.whenIdle();
  await worker.stop();
}

beforeAll(async () => {
  sim = await h.startSim();
  h.noLimits(sim);
  orgA = await h.simIntegration(sim, 'Org A');
  orgB = await h.simIntegration(sim, 'Org B');
  writer = await makeToken('Joiner workflow', 'write', [orgA]);
  reader = await makeToken('Reporting', 'read', [orgA]);
});
afterAll(() => sim?.close());

describe('POST /jobs → confirm → worker → GET', () => {
  it('previews with counts and unresolved lines, runs on confirm, and shows each row with its Okta request id', async () => {
    const { users, group, shared } = h.previewCases(sim, 'api.a', 'API bulk', 4);
    const entries = [
      users[0]!.login,
      users[1]!.login,
      users[2]!.id,
      'nobody,else@example.com',
      shared,
      users[0]!.login.toUpperCase(),
      users[3]!.login,
    ];

    const p = await create({ kind: 'group.add_member', targetId: group, entries });
    expect(p.status).toBe(201);
    const jobId = p.json.job.id;
    expect(p.location).toBe(`/api/v1/integrations/${orgA}/jobs/${jobId}`);
    expect(p.json.job).toMatchObject({
      status: 'preview',
      kind: 'group.add_member',
      targetId: group,
      targetLabel: 'API bulk',
      counts: { pending: 3, skipped: 1, total: 4 },
      actorLabel: 'Joiner workflow',
    });
    expect(p.json.summary).toEqual({ found: 4, already: 1, notFound: 1, ambiguous: 1, duplicate: 1, invalid: 0 });
    // `line` is the entry's position; an entry with a comma stays one entry.
    expect(p.json.job.unresolved.map((u) => [u.line, u.input, u.reason])).toEqual([
      [4, 'nobody,else@example.com', 'not_found'],
      [5, shared, 'ambiguous'],
      [6, users[0]!.login.toUpperCase(), 'duplicate'],
    ]);
    expect(sim.control.getGroupMemberIds(group)).toEqual([users[1]!.id]);

    const c = await act(confirm.POST, jobId);
    expect(c).toMatchObject({ status: 200, json: { job: { id: jobId, status: 'queued' } } });
    const again = await act(confirm.POST, jobId);
    expect(again).toMatchObject({ status: 409, json: { error: { code: 'refused' } } });
    expect(again.json.error.message).toMatch(/queued.*can't be confirmed/);
    await drain();

    const done = await read(jobId);
    expect(done.status).toBe(200);
    expect(done.json.job).toMatchObject({
      status: 'done',
      counts: { succeeded: 3, skipped: 1, pending: 0, failed: 0 },
      canUndo: true,
    });
    expect(done.json.items.map((i) => [i.input, i.status, i.outcome])).toEqual([
      [users[0]!.login, 'succeeded', 'added'],
      [users[1]!.login, 'skipped', 'already_member'],
      [users[2]!.id, 'succeeded', 'added'],
      [users[3]!.login, 'succeeded', 'added'],
    ]);
    for (const i of done.json.items.filter((i) => i.status === 'succeeded')) expect(i.oktaRequestId).toMatch(/\S{8,}/);
    expect(sim.control.getGroupMemberIds(group).sort()).toEqual(users.map((u) => u.id).sort());

    // Item paging and filtering, as the console polls.
    const page = await read(jobId, { query: '?status=succeeded&limit=2' });
    expect(page.json.items.map((i) => i.seq)).toEqual([1, 3]);
    // `next` (and Link: rel="next") is the same request with the cursor: the filter and limit carry over.
    expect(page.json.next).toBe(`/api/v1/x?status=succeeded&limit=2&cursor=${page.json.nextCursor}`);
    expect(page.link).toBe(`<${page.json.next}>; rel="next"`);
    const last = await read(jobId, { query: new URL(page.json.next!, 'http://localhost').search });
    expect(last.json).toMatchObject({ items: [{ seq: 4 }], nextCursor: null, next: null });
    expect(last.link).toBeNull();
    expect((await read(jobId, { query: '?status=nope&limit=0' })).json.error.fields).toHaveProperty('status');

    // Every event names the token: preview and confirm, and each row the worker sent.
    const audit = await auditFor(jobId);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['bulk_job.preview', 'bulk_job.confirm']));
    const byToken = audit.filter((a) => a.action !== 'bulk_job.finish');
    expect(byToken.filter((a) => a.action === 'group.add_member')).toHaveLength(3);
    for (const a of byToken)
      expect(a).toMatchObject({ actorType: 'token', actorId: writer.id, actorLabel: 'Joiner workflow' });
    // Only the job's end is the worker's own event.
    expect(audit.find((a) => a.action === 'bulk_job.finish')).toMatchObject({
      actorType: 'system',
      outcome: 'success',
    });
    expect(audit.find((a) => a.action === 'bulk_job.preview')).toMatchObject({ ip: '10.1.2.3', integrationId: orgA });
  });

  it('expiresAt and reason make each landed row a time-bound grant', async () => {
    const [u] = h.makeUsers(sim, 'api.tb', 1);
    const group = sim.control.createGroup({ name: 'API on call' }).id;
    const expiresAt = soon();
    const p = await create({
      kind: 'group.add_member',
      targetId: group,
      entries: [u!.login],
      confirm: true,
      expiresAt,
      reason: 'pager duty',
    });
    expect(p).toMatchObject({ status: 201, json: { job: { endsAt: expiresAt, grantReason: 'pager duty' } } });
    await drain();
    const grants = await db.select().from(schema.grants).where(eq(schema.grants.resourceId, group));
    expect(grants).toMatchObject([{ memberId: u!.id, endsAt: new Date(expiresAt), reason: 'pager duty' }]);
  });

  it('confirm: true queues at once; the list is newest first with cursor paging', async () => {
    const users = h.makeUsers(sim, 'api.b', 2);
    const app = sim.control.createApp({ label: 'API Wiki', signOnMode: 'BOOKMARK' }).id;
    const p = await create({
      kind: 'app.assign_user',
      targetId: app,
      entries: users.map((u) => u.login),
      confirm: true,
    });
    expect(p).toMatchObject({
      status: 201,
      json: { job: { status: 'queued', counts: { pending: 2 } }, summary: { found: 2 } },
    });
    await drain();
    expect((await read(p.json.job.id)).json.job).toMatchObject({ status: 'done', counts: { succeeded: 2 } });
    for (const u of users) expect(sim.control.getAppUser(app, u.id)).toEqual({ scope: 'USER' });

    const first = await listJobs(reader.secret, orgA, '?limit=1');
    expect(first.status).toBe(200);
    expect(first.json.items.map((j) => j.id)).toEqual([p.json.job.id]);
    expect(first.link).toBe(`</api/v1/x?limit=1&cursor=${first.json.nextCursor}>; rel="next"`);
    const rest = await listJobs(reader.secret, orgA, `?limit=100&cursor=${first.json.nextCursor}`);
    expect(rest.json).toMatchObject({ nextCursor: null, next: null });
    expect(rest.link).toBeNull();
    const all = [...first.json.items, ...rest.json.items];
    expect(new Set(all.map((j) => j.id)).size).toBe(all.length);
    expect(all.map((j) => j.createdAt)).toEqual([...all.map((j) => j.createdAt)].sort().reverse());
    expect(all.every((j) => j.integrationId === orgA)).toBe(true);
  });
});

describe('access', () => {
  it('a read token gets 403 on every write and nothing is created, but can read', async () => {
    const group = sim.control.createGroup({ name: 'API read only' }).id;
    const before = await jobCount();
    const r = await create(
      { kind: 'group.add_member', targetId: group, entries: ['x@example.com'] },
      { secret: reader.secret },
    );
    expect(r.status).toBe(403);
    expect(r.json.error.message).toMatch(/read access/);
    const some = (await listJobs(reader.secret, orgA)).json.items[0]!;
    for (const fn of [confirm.POST, cancel.POST, retry.POST, undo.POST])
      expect((await act(fn, some.id, { secret: reader.secret })).status).toBe(403);
    expect(await jobCount()).toBe(before);
    expect((await read(some.id)).status).toBe(200);
  });

  it('a token of another integration gets 403; a job of another integration is 404', async () => {
    const group = sim.control.createGroup({ name: 'API scope' }).id;
    const p = await create({ kind: 'group.add_member', targetId: group, entries: ['x@example.com'] });
    const jobId = p.json.job.id;
    const onlyB = await makeToken('Org B only', 'write', [orgB]);
    expect((await call(list.GET, 'GET', { secret: onlyB.secret, params: { integrationId: orgA } })).status).toBe(403);
    expect((await read(jobId, { secret: onlyB.secret })).status).toBe(403);
    expect(
      (
        await create(
          { kind: 'group.add_member', targetId: group, entries: ['x@example.com'] },
          { secret: onlyB.secret },
        )
      ).status,
    ).toBe(403);

    const both = await makeToken('Both orgs', 'write', [orgA, orgB]);
    expect((await read(jobId, { secret: both.secret, integrationId: orgB })).json.error.code).toBe('not_found');
    expect((await read(jobId, { secret: both.secret, integrationId: orgB })).status).toBe(404);
    for (const fn of [confirm.POST, cancel.POST, retry.POST, undo.POST])
      expect((await act(fn, jobId, { secret: both.secret, integrationId: orgB })).status).toBe(404);
    expect((await listJobs(both.secret, orgB)).json.items).toEqual([]);
    expect((await read(jobId)).json.job.status).toBe('preview');
    expect((await read('job_AAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('a bad body is 400 naming the fields, and nothing is created', async () => {
    const group = sim.control.createGroup({ name: 'API bad' }).id;
    const app = sim.control.createApp({ label: 'API bad app', signOnMode: 'BOOKMARK' }).id;
    const before = await jobCount();
    const cases: Array<[unknown, string]> = [
      [{ kind: 'group.rename', targetId: group, entries: ['a@example.com'] }, 'kind'],
      [{ kind: 'group.add_member', targetId: group, entries: [] }, 'entries'],
      [
        {
          kind: 'group.add_member',
          targetId: group,
          entries: Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => `u${i}@example.com`),
        },
        'entries',
      ],
      [{ kind: 'group.add_member', targetId: group, entries: ['a@example.com', '  '] }, 'entries.1'],
      [{ kind: 'group.add_member', targetId: group, entries: ['login', 'a@example.com'] }, 'entries'],
      [{ kind: 'group.add_member', targetId: app, entries: ['a@example.com'] }, 'targetId'],
      [{ kind: 'group.add_member', targetId: group, entries: ['a@example.com'], confirm: 'yes' }, 'confirm'],
      [{ kind: 'group.add_member', targetId: group, entries: ['a@example.com'], text: 'b@example.com' }, '_'],
      // A time-bound job: expiresAt and reason together, a valid instant, an end in the future, a kind that gives.
      [{ kind: 'group.add_member', targetId: group, entries: ['a@example.com'], reason: 'why' }, 'expiresAt'],
      [{ kind: 'group.add_member', targetId: group, entries: ['a@example.com'], expiresAt: soon() }, 'reason'],
      [
        { kind: 'group.add_member', targetId: group, entries: ['a@example.com'], expiresAt: 'friday', reason: 'x' },
        'expiresAt',
      ],
      [
        {
          kind: 'group.add_member',
          targetId: group,
          entries: ['a@example.com'],
          expiresAt: new Date(Date.now() - 60_000).toISOString(),
          reason: 'x',
        },
        'expiresAt',
      ],
      [
        { kind: 'group.remove_member', targetId: group, entries: ['a@example.com'], expiresAt: soon(), reason: 'x' },
        'expiresAt',
      ],
    ];
    for (const [body, field] of cases) {
      const r = await create(body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.json.error.code).toBe('invalid_request');
      expect(Object.keys(r.json.error.fields), JSON.stringify(body).slice(0, 80)).toContain(field);
    }
    expect(
      (await create({ kind: 'group.add_member', targetId: '00gAAAAAAAAAAAAAAAAA', entries: ['a@example.com'] })).status,
    ).toBe(404);
    const imported = sim.control.createGroup({ name: 'API imported', type: 'APP_GROUP' }).id;
    const refused = await create({ kind: 'group.add_member', targetId: imported, entries: ['a@example.com'] });
    expect(refused).toMatchObject({
      status: 409,
      json: { error: { code: 'refused', fields: { targetId: [expect.any(String)] } } },
    });
    expect(await jobCount()).toBe(before);
  });
});

describe('cancel, retry, undo', () => {
  it('DELETE discards an unconfirmed preview (204, audited); read tokens, other integrations and confirmed jobs are refused', async () => {
    const users = h.makeUsers(sim, 'api.d', 2);
    const group = sim.control.createGroup({ name: 'API discard' }).id;
    const both = await makeToken('Both orgs', 'write', [orgA, orgB]);
    const del = (jobId: string, secret: string, integrationId = orgA) =>
      call(one.DELETE, 'DELETE', { secret, params: { integrationId, jobId } });
    const p = await create({ kind: 'group.add_member', targetId: group, entries: users.map((u) => u.login) });
    const jobId = p.json.job.id;
    expect(p.json.job.status).toBe('preview');
    expect((await del(jobId, reader.secret)).status).toBe(403);
    expect((await del(jobId, both.secret, orgB)).status).toBe(404);
    expect((await read(jobId)).status).toBe(200);

    const gone = await del(jobId, writer.secret);
    expect(gone).toMatchObject({ status: 204, json: null });
    expect((await read(jobId)).status).toBe(404);
    expect((await del(jobId, writer.secret)).status).toBe(404);
    expect((await auditFor(jobId)).find((a) => a.action === 'bulk_job.discard')).toMatchObject({
      actorType: 'token',
      actorId: writer.id,
      outcome: 'success',
    });

    const queued = await create({
      kind: 'group.add_member',
      targetId: group,
      entries: users.map((u) => u.login),
      confirm: true,
    });
    expect(await del(queued.json.job.id, writer.secret)).toMatchObject({
      status: 409,
      json: { error: { code: 'refused' } },
    });
    await drain();
    expect(sim.control.getGroupMemberIds(group).sort()).toEqual(users.map((u) => u.id).sort());
  });

  it('cancel stops pending rows; cancelling twice is 409', async () => {
    const users = h.makeUsers(sim, 'api.c', 3);
    const group = sim.control.createGroup({ name: 'API cancel' }).id;
    const p = await create({
      kind: 'group.add_member',
      targetId: group,
      entries: users.map((u) => u.login),
      confirm: true,
    });
    const c = await act(cancel.POST, p.json.job.id);
    expect(c).toMatchObject({
      status: 200,
      json: { job: { status: 'cancelled', counts: { cancelled: 3, pending: 0 } } },
    });
    expect(await act(cancel.POST, p.json.job.id)).toMatchObject({ status: 409, json: { error: { code: 'refused' } } });
    await drain();
    expect(sim.control.getGroupMemberIds(group)).toEqual([]);
    expect((await auditFor(p.json.job.id)).find((a) => a.action === 'bulk_job.cancel')).toMatchObject({
      actorType: 'token',
      actorId: writer.id,
    });
  });

  it('retry runs failed rows again; undo answers the reverse job (201) and a second undo is 409', async () => {
    const users = h.makeUsers(sim, 'api.r', 3);
    const group = sim.control.createGroup({ name: 'API retry' }).id;
    sim.control.faults({ status: 503, method: 'PUT', pathPrefix: `/api/v1/groups/${group}/users/${users[1]!.id}` });
    const p = await create({
      kind: 'group.add_member',
      targetId: group,
      entries: users.map((u) => u.login),
      confirm: true,
    });
    const jobId = p.json.job.id;
    await drain();
    expect((await read(jobId)).json.job).toMatchObject({
      status: 'done',
      counts: { succeeded: 2, failed: 1 },
      canRetry: true,
    });
    expect((await act(retry.POST, 'job_AAAAAAAAAAAAAAAAAAAA')).status).toBe(404);

    sim.control.clearFaults();
    expect(await act(retry.POST, jobId)).toMatchObject({
      status: 200,
      json: { job: { status: 'queued', counts: { pending: 1 } } },
    });
    await drain();
    expect((await read(jobId)).json.job).toMatchObject({
      status: 'done',
      counts: { succeeded: 3, failed: 0 },
      canRetry: false,
    });
    expect(await act(retry.POST, jobId)).toMatchObject({
      status: 409,
      json: { error: { message: 'This job has no failed rows to retry.' } },
    });

    const u = await act(undo.POST, jobId);
    expect(u.status).toBe(201);
    expect(u.json.job).toMatchObject({
      kind: 'group.remove_member',
      status: 'queued',
      reverseOf: jobId,
      counts: { pending: 3 },
      actorLabel: 'Joiner workflow',
    });
    expect(u.location).toBe(`/api/v1/integrations/${orgA}/jobs/${u.json.job.id}`);
    const twice = await act(undo.POST, jobId);
    expect(twice.status).toBe(409);
    expect(twice.json.error.message).toMatch(/already undone/);
    await drain();
    expect((await read(u.json.job.id)).json.job).toMatchObject({ status: 'done', counts: { succeeded: 3 } });
    expect(sim.control.getGroupMemberIds(group)).toEqual([]);
    const undoAudit = (await auditFor(jobId)).find((a) => a.action === 'bulk_job.undo');
    expect(undoAudit).toMatchObject({ actorType: 'token', actorId: writer.id, actorLabel: 'Joiner workflow' });
  });
});
