import 'server-only';

import { db, dbReady, schema } from '@/db';
import type { OktaCall } from '@/lib/okta';
import { and, count, inArray, lte } from 'drizzle-orm';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

// This process's metrics in the Prometheus format (prom-client), served by GET /api/metrics to a scraper holding
// METRICS_TOKEN. Counters count what this process did; the gauges of the database (bulk rows by state, grants due)
// are read at scrape time, so every instance reports the same shared values. One registry per process, on
// globalThis: the production build bundles this module into several server chunks.
function create() {
  const registry = new Registry();
  registry.setDefaultLabels({ app: 'okta_access_console' });
  const okta = {
    calls: new Counter({
      name: 'console_okta_calls_total',
      help: "Calls to Okta by rate-limit bucket and HTTP status ('none': no answer; 429: rate-limited)",
      labelNames: ['bucket', 'status'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'console_okta_call_duration_seconds',
      help: 'Time from sending a call to Okta to its answer, by bucket',
      labelNames: ['bucket'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
      registers: [registry],
    }),
    tokens: new Counter({
      name: 'console_okta_tokens_fetched_total',
      help: 'Access tokens requested from Okta, by HTTP status',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    remaining: new Gauge({
      name: 'console_okta_rate_limit_remaining',
      help: "X-Rate-Limit-Remaining of Okta's last answer, per integration and bucket",
      labelNames: ['integration', 'bucket'] as const,
      registers: [registry],
    }),
  };
  const http = new Counter({
    name: 'console_http_requests_total',
    help: 'Requests to the console API routes (GET /api/…, /api/v1), by route name and HTTP status',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const actions = new Counter({
    name: 'console_actions_total',
    help: "Server actions (the console's forms and buttons), by action and result ('ok' or the failure code)",
    labelNames: ['action', 'result'] as const,
    registers: [registry],
  });
  const signIns = new Counter({
    name: 'console_sign_ins_total',
    help: 'Sign-in attempts by outcome: success, failure (wrong credentials), denied (throttled, disabled)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'console_refusals_total',
    help: 'Audited refusals (role too low, unknown or insufficient API token, throttled sign-in…), by action',
    labelNames: ['action'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'console_bulk_job_rows',
    help: 'Rows of bulk jobs by state (all instances: read from the database)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      await dbReady();
      const items = schema.bulkJobItems;
      const rows = await db.select({ state: items.status, n: count() }).from(items).groupBy(items.status);
      this.reset();
      for (const r of rows) this.set({ state: r.state }, Number(r.n));
    },
  });
  new Gauge({
    name: 'console_grants_due',
    help: 'Time-bound grants whose end has come and that are not taken back yet (all instances)',
    registers: [registry],
    async collect() {
      await dbReady();
      const g = schema.grants;
      const [row] = await db
        .select({ n: count() })
        .from(g)
        .where(and(inArray(g.state, ['active', 'ending']), lte(g.endsAt, new Date())));
      this.set(Number(row?.n ?? 0));
    },
  });
  return { registry, okta, http, actions, signIns, refusals };
}

const g = globalThis as unknown as { consoleMetrics?: ReturnType<typeof create> };
const metrics = () => (g.consoleMetrics ??= create());

/** lib/okta's observer (OktaClientOptions.onCall) for one integration's client. */
export const observeOktaCall =
  (integrationId: string) =>
  (call: OktaCall): void => {
    const m = metrics().okta;
    const status = call.status === undefined ? 'none' : String(call.status);
    m.calls.inc({ bucket: call.bucket, status });
    m.latency.observe({ bucket: call.bucket }, call.durationMs / 1000);
    if (call.bucket === 'token') m.tokens.inc({ status });
    if (call.rateLimit.remaining !== undefined)
      m.remaining.set({ integration: integrationId, bucket: call.bucket }, call.rateLimit.remaining);
  };

export const countHttpRequest = (route: string, status: number) =>
  metrics().http.inc({ route, status: String(status) });

export const countAction = (action: string, result: string) => metrics().actions.inc({ action, result });

/** Counts an audited event that is a sign-in or a refusal (lib/audit.ts). */
export function countAudited(action: string, outcome: string): void {
  if (action === 'auth.sign_in') metrics().signIns.inc({ outcome });
  if (outcome === 'denied') metrics().refusals.inc({ action });
}

/** The exposition text and its content type. */
export async function metricsText(): Promise<{ text: string; contentType: string }> {
  const { registry } = metrics();
  return { text: await registry.metrics(), contentType: registry.contentType };
}
