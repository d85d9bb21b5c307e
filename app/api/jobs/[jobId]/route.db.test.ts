import { db, schema } from '@/db';
import { createPreviewJob, PREVIEW_TTL_MS, type JobActor } from '@/lib/jobs/store';
import type { JobPollResponse } from '@/lib/jobs/types';
import { listJobs } from '@/lib/queries/jobs';
import { sessionUser, who } from '@/test/session';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { GET } from './route';

// The polling endpoint's JSON (the contract the progress view is built on) and the job list's paging.
vi.mock('@/lib/auth/current-user', () => import('@/test/session'));
who.user = sessionUser('viewer', 'Vera');

const actor: JobActor = { type: 'user', id: 'usr_operator00000000000', label: 'olga@example.com' };
const INTEGRATION = 'int_routetest0000000000';

const preview = (integrationId = INTEGRATION) =>
  createPreviewJob({
    integrationId,
    kind: 'group.add_member',
    target: { id: '00groutetest00000000', label: 'Engineering' },
    actor,
    rows: [
      { input: 'a@example.com', userId: '00u00000000000000001', userLabel: 'a@example.com', status: 'pending' },
      {
        input: 'b@example.com',
        userId: '00u00000000000000002',
        userLabel: 'b@example.com',
        status: 'skipped',
        outcome: 'already_member',
        message: 'Already a member: nothing to do.',
      },
      { input: 'c@example.com', userId: '00u00000000000000003', userLabel: 'c@example.com', status: 'pending' },
    ],
    unresolved: [
      {
        line: 4,
        input: 'ghost@example.com',
        reason: 'not_found',
        message: 'No user with this login or email in this Okta org.',
      },
    ],
  });

const get = async (jobId: string, query = '') =>
  GET(new Request(`http://localhost/api/jobs/${jobId}${query}`), { params: Promise.resolve({ jobId }) });

describe('GET /api/jobs/[jobId]', () => {
  it('answers the job with counts and a page of rows, dates as ISO strings, cursor-paged by seq', async () => {
    const job = await preview();
    const res = await get(job.id, '?limit=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as JobPollResponse;
    expect(body.job).toMatchObject({
      id: job.id,
      integrationId: INTEGRATION,
      kind: 'group.add_member',
      targetLabel: 'Engineering',
      status: 'preview',
      counts: { pending: 2, running: 0, succeeded: 0, failed: 0, skipped: 1, cancelled: 0, total: 3 },
      unresolved: [{ line: 4, reason: 'not_found' }],
      reverseOf: null,
      undoneBy: null,
      actorLabel: 'olga@example.com',
      finishedAt: null,
      canRetry: false,
      canCancel: false,
      canUndo: false,
    });
    expect(body.job.createdAt).toBe(job.createdAt.toISOString());
    expect(body.items.map((i) => [i.seq, i.status, i.outcome])).toEqual([
      [1, 'pending', null],
      [2, 'skipped', 'already_member'],
    ]);
    expect(body.items[0]).toEqual({
      seq: 1,
      input: 'a@example.com',
      userId: '00u00000000000000001',
      userLabel: 'a@example.com',
      status: 'pending',
      outcome: null,
      message: null,
      oktaRequestId: null,
      attempts: 0,
      finishedAt: null,
      retryAt: null,
    });
    expect(body.nextCursor).toBe(2);
    const rest = (await (await get(job.id, '?limit=2&cursor=2')).json()) as JobPollResponse;
    expect(rest.items.map((i) => i.seq)).toEqual([3]);
    expect(rest.nextCursor).toBeNull();
    const pending = (await (await get(job.id, '?status=pending')).json()) as JobPollResponse;
    expect(pending.items.map((i) => i.seq)).toEqual([1, 3]);
  });

  it('refuses a bad query with field messages, and answers 404 for unknown or malformed ids', async () => {
    const job = await preview();
    const bad = await get(job.id, '?limit=0&status=done&cursor=x');
    expect(bad.status).toBe(400);
    const { fieldErrors } = (await bad.json()) as { fieldErrors: Record<string, string[]> };
    expect(Object.keys(fieldErrors).sort()).toEqual(['cursor', 'limit', 'status']);
    expect((await get('job_00000000000000000000')).status).toBe(404);
    expect((await get('nope')).status).toBe(404);
  });
});

describe('listJobs', () => {
  it('lists an integration’s jobs newest first, paged with a cursor', async () => {
    const other = 'int_routetestother00000';
    const made = [];
    for (let i = 0; i < 3; i++) {
      const j = await preview(other);
      // Distinct creation times, oldest first.
      await db
        .update(schema.bulkJobs)
        .set({ createdAt: new Date(Date.now() - (3 - i) * 1000) })
        .where(eq(schema.bulkJobs.id, j.id));
      made.push(j.id);
    }
    const first = await listJobs(other, { limit: 2 });
    expect(first.jobs.map((j) => j.id)).toEqual([made[2], made[1]]);
    expect(first.jobs[0]!.counts.total).toBe(3);
    const second = await listJobs(other, { limit: 2, cursor: first.nextCursor! });
    expect(second.jobs.map((j) => j.id)).toEqual([made[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('drops unconfirmed previews older than a day when a new preview is made', async () => {
    const stale = await preview('int_routeteststale00000');
    await db
      .update(schema.bulkJobs)
      .set({ createdAt: new Date(Date.now() - PREVIEW_TTL_MS - 60_000) })
      .where(eq(schema.bulkJobs.id, stale.id));
    await preview('int_routeteststale00000');
    expect(await db.select().from(schema.bulkJobs).where(eq(schema.bulkJobs.id, stale.id))).toEqual([]);
    expect(await db.select().from(schema.bulkJobItems).where(eq(schema.bulkJobItems.jobId, stale.id))).toEqual([]);
  });
});
