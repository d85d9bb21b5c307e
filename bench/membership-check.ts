import { ourClient, serviceApp } from './lib/clients';
import { sdkClient } from './lib/sdk-client';
import { countsBetween, startBigGroupSim } from './lib/sim-process';
import { percentile, round, type Bench, type Cell } from './lib/table';

/** Issue 7 item 4: is user X in a 50k-member group? Latency and Okta calls per check. */
export const membershipCheck: Bench = {
  name: 'membership-check',
  title: 'Membership check: one user in a big group',
  async run({ tiny, log }) {
    const members = tiny ? 2_000 : 50_000;
    const checks = tiny ? 50 : 400;
    const sim = await startBigGroupSim(members, 20, log);
    const rows: Cell[][] = [];
    try {
      const creds = await serviceApp(sim);
      const groupId = sim.bigGroupId!;
      // Half members (spread over the group), half not: the answer must not depend on where a user sits.
      const inside = sim.userIds.slice(0, members);
      const outside = sim.userIds.slice(members);
      if (inside.length < members || outside.length === 0)
        throw new Error('the seed has too few active users for this group size');
      const users = Array.from({ length: checks }, (_, i) =>
        i % 2 === 0 ? inside[Math.floor((i / checks) * inside.length)]! : outside[i % outside.length]!,
      );
      const ours = ourClient(creds);
      const sdk = sdkClient(creds);
      const sides: Array<[string, (u: string) => Promise<boolean>]> = [
        ['ours: groups.isMember', (u) => ours.groups.isMember(u, groupId)],
        [
          'SDK: listUserGroups + find',
          async (u) => {
            for await (const g of await sdk.userApi.listUserGroups({ userId: u })) if (g?.id === groupId) return true;
            return false;
          },
        ],
      ];
      for (const [label, check] of sides) {
        log(`  ${label}…`);
        await check(users[0]!); // the token, so it isn't counted as a check
        const before = await sim.stats();
        const times: number[] = [];
        let wrong = 0;
        for (const [i, u] of users.entries()) {
          const t = performance.now();
          const answer = await check(u);
          times.push(performance.now() - t);
          if (answer !== (i % 2 === 0)) wrong++;
        }
        const counts = countsBetween(before, await sim.stats());
        times.sort((a, b) => a - b);
        rows.push([
          label,
          checks,
          round(percentile(times, 50), 2),
          round(percentile(times, 95), 2),
          round((counts.apiCalls + counts.tokenRequests) / checks, 2),
          counts.tokenRequests,
          wrong,
        ]);
      }
    } finally {
      await sim.stop();
    }
    return {
      name: this.name,
      title: this.title,
      tables: [
        {
          title: `Membership check in a ${members.toLocaleString('en-US')}-member group (sequential checks, no injected latency)`,
          columns: ['client', 'checks', 'median ms', 'p95 ms', 'Okta calls/check', 'token reqs', 'wrong answers'],
          rows,
          notes: [
            "Both read the user's groups (GET /users/{id}/groups), so the cost is independent of the group's size; scanning the group instead would take 50 pages of 1,000 per check.",
            'Against Okta add one round trip per call; "token reqs" counts tokens fetched during the checks (the first token is fetched before timing).',
          ],
        },
      ],
      notes: [],
    };
  },
};
