import {
  BULK_COLUMNS,
  bulkCells,
  groupTarget as group,
  measureBulk,
  ratioTable,
  type BulkRow,
  type Driver,
  type Scenario,
} from './lib/bulk';
import { ourClient, serviceApp, type Credentials } from './lib/clients';
import { runPool } from './lib/pool';
import { sdkGroupDrivers } from './lib/sdk-client';
import { startSimProcess } from './lib/sim-process';
import type { Bench } from './lib/table';

// One Okta minute lasts WINDOW_MS here, so 10,000 adds at 1,000/min take ~1 min instead of 10. Latency is not scaled.
const WINDOW_MS = 5_000;
const LATENCY_MS = 50;
const GROUPS_LIMIT = 1_000;
const OURS = 'ours (concurrency 8)';

const scenarios: Scenario[] = [
  {
    label: '(a) 1,000/min + conc. 75',
    limits: { buckets: { groups: GROUPS_LIMIT }, windowMs: WINDOW_MS, concurrencyLimit: 75 },
    latencyMs: LATENCY_MS,
  },
  { label: '(b) no limit', limits: null, latencyMs: LATENCY_MS },
];

function drivers(creds: Credentials, n: number): Driver[] {
  const ours = (concurrency: number): Driver => ({
    label: concurrency === 8 ? OURS : `ours (concurrency ${concurrency})`,
    run: (groupId, users) => {
      const client = ourClient(creds, { concurrency });
      // Twice the client's cap keeps its limiter fed; the limiter, not the caller, decides the pace.
      return runPool(users, concurrency * 2, (u) => client.groups.addMember(groupId, u));
    },
  });
  // Sequential is latency-bound by construction (N × round trip); at 10,000 it would take ~10 minutes.
  return [ours(8), ours(50), ...sdkGroupDrivers(creds, { sequential: n <= 1_000 })];
}

/** Issue 7 item 1: add N users to a group, lib/okta's groups.addMember vs the SDK's assignUserToGroup. */
export const bulkMembership: Bench = {
  name: 'bulk-membership',
  title: 'Bulk membership: add N users to a group',
  async run({ tiny, log }) {
    const sizes = tiny ? [50] : [1_000, 10_000];
    // About 15% of seeded users are not ACTIVE; 1.4× leaves enough active ones for the largest run.
    const sim = await startSimProcess({ users: Math.round(Math.max(...sizes) * 1.4), groups: 10, apps: 2 });
    const rows: BulkRow[] = [];
    try {
      const creds = await serviceApp(sim);
      for (const n of sizes) {
        const users = sim.userIds.slice(0, n);
        for (const scenario of scenarios) {
          for (const driver of drivers(creds, n)) {
            log(`  ${scenario.label}, N=${n}, ${driver.label}…`);
            const row = await measureBulk(sim, scenario, group, driver, users);
            log(
              `    ${(row.wallMs / 1000).toFixed(1)} s, ${row.failed} failed, ${row.doubled} doubled, ${row.rateLimited} 429s`,
            );
            rows.push(row);
          }
        }
      }
    } finally {
      await sim.stop();
    }
    const errors = rows
      .filter((r) => r.firstError)
      .map((r) => `${r.client}, ${r.scenario}, N=${r.n}: first error "${r.firstError}"`);
    return {
      name: this.name,
      title: this.title,
      tables: [
        {
          title: `Bulk membership (${LATENCY_MS} ms latency per call; in (a) the groups bucket allows ${GROUPS_LIMIT.toLocaleString('en-US')} per window)`,
          columns: BULK_COLUMNS,
          rows: rows.map(bulkCells),
          notes: [
            `(a) compresses Okta's minute: one rate-limit window lasts ${WINDOW_MS / 1000} s. "Okta-min" = wall time in windows; "landed/min" = members added per window, so "of limit" = landed/min ÷ ${GROUPS_LIMIT}. Latency is not compressed. In (b) both are per real minute.`,
            'Other buckets keep Workforce values: lib/okta asks GET /users/{id}/groups before each PUT (the users bucket, 600/window), the SDK only PUTs.',
            '"failed" = users not in the group afterwards (simulator state); "doubled" = successful PUTs beyond the members that landed; "errors thrown" = calls that rejected.',
            ...errors,
          ],
        },
        ratioTable('Bulk membership, ours/theirs (wall time; below 1× = ours faster)', rows, OURS),
        ratioTable('Bulk membership, ours at concurrency 50 / theirs', rows, 'ours (concurrency 50)'),
      ],
      notes: [
        'Drives lib/okta groups.addMember directly: the console action layer that will call it does not exist yet.',
      ],
    };
  },
};
