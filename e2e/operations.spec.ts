import { expect, test } from '@playwright/test';

// What a proxy and an operator see of a running console (README "Deploying"): liveness and readiness without a
// session and without detail, a request id on every answer, and no public metrics unless METRICS_TOKEN is set. The
// standalone smoke test (scripts/standalone-smoke.mjs) covers the same on Postgres with the database stopped.
test('health, readiness, request ids, and metrics that are not public by default', async ({ request, page }) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });

  const ready = await request.get('/api/ready');
  expect(ready.status()).toBe(200);
  const body = (await ready.json()) as { status: string; checks: Record<string, string> };
  expect(body).toEqual({
    status: 'ready',
    checks: { database: 'ok', migrations: 'ok', workers: 'ok', shutdown: 'ok' },
  });
  // Nothing about versions, paths or the database's address.
  expect(JSON.stringify(body)).not.toMatch(/\d+\.\d+\.\d+|\/|sqlite|postgres/i);

  // A client's own X-Request-Id is not trusted without TRUST_PROXY: the console makes its own.
  const signIn = await page.goto('/sign-in');
  expect(signIn!.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const forged = await request.get('/api/health', { headers: { 'X-Request-Id': 'forged-request-id-01' } });
  expect(forged.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

  const metrics = await request.get('/api/metrics');
  expect(metrics.status()).toBe(404);
  expect(await metrics.text()).not.toContain('console_');
});
