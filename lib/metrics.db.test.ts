import type { Simulator } from '@/sim/okta';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// GET /api/metrics: absent unless METRICS_TOKEN is set, refused without that token, and with it the metrics the
// console's own work produced (Okta calls through an integration's client, a sign-in, a bulk job's rows).
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const { recordAudit } = await import('@/lib/audit');
const { oktaFor } = await import('@/lib/integrations/okta-for');
const { metricsResponse } = await import('./metrics-route');
const h = await import('./jobs/test-support/harness');

const TOKEN = randomBytes(32).toString('base64url');
let sim: Simulator;

beforeAll(async () => {
  sim = await h.startSim();
});
afterAll(async () => {
  await sim?.close();
});

const get = (authorization?: string) =>
  new Request('http://localhost/api/metrics', { headers: authorization ? { authorization } : {} });

describe('metrics', () => {
  it('does not exist without METRICS_TOKEN, and refuses a missing or wrong token', async () => {
    expect((await metricsResponse(get(`Bearer ${TOKEN}`), undefined)).status).toBe(404);
    for (const auth of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const res = await metricsResponse(get(auth), TOKEN);
      expect(res.status, auth).toBe(401);
      expect(await res.text()).not.toContain('console_');
    }
  });

  it('counts Okta calls by bucket and status, tokens, rate limits, sign-ins, refusals and bulk rows', async () => {
    const { ctx, jobId } = await h.previewAddJob(sim, { group: 'Metrics', prefix: 'metrics.', n: 3 });
    const { client } = await oktaFor(ctx.integrationId);
    await client.users.get('nobody-at-all@example.com');
    await recordAudit({ actor: { type: 'user', label: 'a@example.com' }, action: 'auth.sign_in', outcome: 'success' });
    await recordAudit({
      actor: { type: 'user', label: 'a@example.com' },
      action: 'group.add_member',
      outcome: 'denied',
    });

    const res = await metricsResponse(get(`Bearer ${TOKEN}`), TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const value = (line: RegExp) => Number(new RegExp(`^${line.source} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value(/console_okta_calls_total\{bucket="token",status="200",app="okta_access_console"\}/)).toBeGreaterThan(
      0,
    );
    expect(value(/console_okta_calls_total\{bucket="users:get",status="404",app="okta_access_console"\}/)).toBe(1);
    expect(value(/console_okta_tokens_fetched_total\{status="200",app="okta_access_console"\}/)).toBeGreaterThan(0);
    expect(text).toMatch(/^console_okta_call_duration_seconds_count\{[^}]*bucket="users:get"\} 1$/m);
    expect(
      value(
        new RegExp(
          `console_okta_rate_limit_remaining\\{integration="${ctx.integrationId}",bucket="users:get",app="okta_access_console"\\}`,
        ),
      ),
    ).toBeGreaterThanOrEqual(0);
    expect(value(/console_sign_ins_total\{outcome="success",app="okta_access_console"\}/)).toBe(1);
    expect(value(/console_refusals_total\{action="group.add_member",app="okta_access_console"\}/)).toBe(1);
    const pending = (await h.countByStatus(jobId)).pending ?? 0;
    expect(pending).toBeGreaterThan(0);
    expect(value(/console_bulk_job_rows\{state="pending",app="okta_access_console"\}/)).toBe(pending);
    expect(value(/console_grants_due\{app="okta_access_console"\}/)).toBe(0);
  });
});
