import {
  BULK_COLUMNS,
  bulkCells,
  measureBulk,
  ratioTable,
  type BulkRow,
  type BulkTarget,
  type Driver,
  type Scenario,
} from './lib/bulk';
import { ourClient, serviceApp, type Credentials } from './lib/clients';
import { runChunks, runPool } from './lib/pool';
import { sdkClient } from './lib/sdk-client';
import { startSimProcess } from './lib/sim-process';
import type { Bench } from './lib/table';

// 100/min makes 300 assignments last 3+ Okta minutes; one window of WINDOW_MS stands for one minute.
const WINDOW_MS = 5_000;
const LATENCY_MS = 50;
const APPS_LIMIT = 100;
const SDK_CHUNK = 50;
const OURS = 'ours (concurrency 8)';

const scenarios: Scenario[] = [
  {
    label: '(a) 100/min + conc. 75',
    limits: { buckets: { apps: APPS_LIMIT }, windowMs: WINDOW_MS, concurrencyLimit: 75 },
    latencyMs: LATENCY_MS,
  },
  { label: '(b) no limit', limits: null, latencyMs: LATENCY_MS },
];

const app: BulkTarget = {
  bucket: 'apps',
  writeOp: 'assignUserToApplication',
  create: async (sim) =>
    (
      await sim.control<{ id: string }>('POST', '/apps', {
        label: `Bench ${Date.now()} ${Math.random()}`,
        signOnMode: 'BOOKMARK',
      })
    ).id,
  landed: async (sim, appId, userIds) => {
    let n = 0;
    for (const u of userIds)
      if ((await sim.control<{ scope: string } | undefined>('GET', `/apps/${appId}/users/${u}`))?.scope === 'USER') n++;
    return n;
  },
};

function drivers(creds: Credentials): Driver[] {
  const ours = (concurrency: number): Driver => ({
    label: concurrency === 8 ? OURS : `ours (concurrency ${concurrency})`,
    run: (appId, users) => {
      const client = ourClient(creds, { concurrency });
      return runPool(users, concurrency * 2, (u) => client.apps.assignUser(appId, u));
    },
  });
  const assign = (appId: string) => {
    const client = sdkClient(creds);
    return (u: string) => client.applicationApi.assignUserToApplication({ appId, appUser: { id: u, scope: 'USER' } });
  };
  return [
    ours(8),
    ours(50),
    { label: 'SDK sequential', run: (appId, users) => runPool(users, 1, assign(appId)) },
    { label: `SDK Promise.all × ${SDK_CHUNK}`, run: (appId, users) => runChunks(users, SDK_CHUNK, assign(appId)) },
  ];
}

/** Issue 7 item 2: assign N users to an app under the apps bucket (100/min in Workforce orgs). */
export const appAssignment: Bench = {
  name: 'app-assignment',
  title: 'App assignment: assign N users to an app',
  async run({ tiny, log }) {
    const n = tiny ? 20 : 300;
    const sim = await startSimProcess({ users: Math.round(n * 1.4) + 20, groups: 5, apps: 2 });
    const rows: BulkRow[] = [];
    try {
      const creds = await serviceApp(sim);
      const users = sim.userIds.slice(0, n);
      for (const scenario of scenarios) {
        for (const driver of drivers(creds)) {
          log(`  ${scenario.label}, N=${n}, ${driver.label}…`);
          const row = await measureBulk(sim, scenario, app, driver, users);
          log(
            `    ${(row.wallMs / 1000).toFixed(1)} s, ${row.failed} failed, ${row.doubled} doubled, ${row.rateLimited} 429s`,
          );
          rows.push(row);
        }
      }
    } finally {
      await sim.stop();
    }
    const errors = rows
      .filter((r) => r.firstError)
      .map((r) => `${r.client}, ${r.scenario}: first error "${r.firstError}"`);
    return {
      name: this.name,
      title: this.title,
      tables: [
        {
          title: `App assignment (${LATENCY_MS} ms latency per call; in (a) the apps bucket allows ${APPS_LIMIT} per window)`,
          columns: BULK_COLUMNS,
          rows: rows.map(bulkCells),
          notes: [
            `(a) is time-compressed: one ${WINDOW_MS / 1000} s window stands for one Okta minute, so "landed/min" is assignments per window and "of limit" = landed/min ÷ ${APPS_LIMIT}. Latency is not compressed. In (b) both are per real minute.`,
            'lib/okta reads GET /apps/{id}/users/{userId} before each POST (same apps bucket), to report existing assignments and to never resend a POST that landed; the SDK only POSTs.',
            ...errors,
          ],
        },
        ratioTable('App assignment, ours/theirs (wall time; below 1× = ours faster)', rows, OURS),
        ratioTable('App assignment, ours at concurrency 50 / theirs', rows, 'ours (concurrency 50)'),
      ],
      notes: [
        'Drives lib/okta apps.assignUser directly: the console action layer that will call it does not exist yet.',
      ],
    };
  },
};
