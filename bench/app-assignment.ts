import { LATENCY_MS, WINDOW_MS, type BulkTarget } from './lib/bulk';
import { bulkBench } from './lib/bulk-bench';

// 100/min makes 300 assignments last 3+ Okta minutes.
const APPS_LIMIT = 100;

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

/** Issue 7 item 2: assign N users to an app under the apps bucket (100/min in Workforce orgs). */
export const appAssignment = bulkBench({
  name: 'app-assignment',
  title: 'App assignment: assign N users to an app',
  sizes: (tiny) => [tiny ? 20 : 300],
  seed: { groups: 5, apps: 2, extraUsers: 20 },
  target: app,
  limit: APPS_LIMIT,
  write: {
    ours: (client, appId, u) => client.apps.assignUser(appId, u),
    sdk: (client, appId, u) =>
      client.applicationApi.assignUserToApplication({ appId, appUser: { id: u, scope: 'USER' } }),
  },
  tables: {
    name: 'App assignment',
    title: `App assignment (${LATENCY_MS} ms latency per call; in (a) the apps bucket allows ${APPS_LIMIT} per window)`,
    notes: [
      `(a) is time-compressed: one ${WINDOW_MS / 1000} s window stands for one Okta minute, so "landed/min" is assignments per window and "of limit" = landed/min ÷ ${APPS_LIMIT}. Latency is not compressed. In (b) both are per real minute.`,
      'lib/okta reads GET /apps/{id}/users/{userId} before each POST (same apps bucket), to report existing assignments and to never resend a POST that landed; the SDK only POSTs.',
    ],
  },
  notes: ['Drives lib/okta apps.assignUser directly: the console action layer that will call it does not exist yet.'],
});
