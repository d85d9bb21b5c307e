import { groupTarget, LATENCY_MS, WINDOW_MS } from './lib/bulk';
import { bulkBench } from './lib/bulk-bench';

// 10,000 adds at 1,000/min take ~1 min instead of 10.
const GROUPS_LIMIT = 1_000;

/** Issue 7 item 1: add N users to a group, lib/okta's groups.addMember vs the SDK's assignUserToGroup. */
export const bulkMembership = bulkBench({
  name: 'bulk-membership',
  title: 'Bulk membership: add N users to a group',
  sizes: (tiny) => (tiny ? [50] : [1_000, 10_000]),
  seed: { groups: 10, apps: 2 },
  target: groupTarget,
  limit: GROUPS_LIMIT,
  write: {
    ours: (client, groupId, u) => client.groups.addMember(groupId, u),
    sdk: (client, groupId, u) => client.groupApi.assignUserToGroup({ groupId, userId: u }),
  },
  // SDK sequential at 10,000 would take ~10 minutes.
  sdkSequentialUpTo: 1_000,
  tables: {
    name: 'Bulk membership',
    title: `Bulk membership (${LATENCY_MS} ms latency per call; in (a) the groups bucket allows ${GROUPS_LIMIT.toLocaleString('en-US')} per window)`,
    notes: [
      `(a) compresses Okta's minute: one rate-limit window lasts ${WINDOW_MS / 1000} s. "Okta-min" = wall time in windows; "landed/min" = members added per window, so "of limit" = landed/min ÷ ${GROUPS_LIMIT}. Latency is not compressed. In (b) both are per real minute.`,
      'Other buckets keep Workforce values: lib/okta asks GET /users/{id}/groups before each PUT (the users bucket, 600/window), the SDK only PUTs.',
      '"failed" = users not in the group afterwards (simulator state); "doubled" = successful PUTs beyond the members that landed; "errors thrown" = calls that rejected.',
    ],
  },
  notes: ['Drives lib/okta groups.addMember directly: the console action layer that will call it does not exist yet.'],
});
