import { DEFAULT_SCOPES, LOGS_SCOPE } from '@/lib/okta';
import { applyScenario, clearScenario, type Scenario } from './lib/bulk';
import { serviceApp, type Credentials } from './lib/clients';
import { countsBetween, jsonLinesChild, startSimProcess, type SimProcess } from './lib/sim-process';
import { percentile, round, type Bench, type Cell } from './lib/table';

// Issue 17: reading Okta's System Log through lib/okta. (a) One group's 50,000-event history, as the history
// panel pages it and as the CSV export streams it: time, calls, peak memory. (b) The polling stream while 2,000
// events arrive: how soon each is seen, none missed, none repeated.
const LOGS = 'GET /api/v1/logs';
/** Okta's System Log bucket (Workforce: 120 a minute) at its real window, every other bucket out of the way. */
const OKTA_LOGS: Scenario = {
  label: "logs 120/min (Okta's 60-s window)",
  limits: { buckets: { logs: 120 }, windowMs: 60_000, concurrencyLimit: 75 },
  latencyMs: 30,
};
const NO_LIMIT: Scenario = { label: 'no limit', limits: null, latencyMs: 30 };

type Reader = { label: string; reader: 'page' | 'stream'; pageSize: number; scenario: Scenario; maxEvents?: number };
const READERS: Reader[] = [
  { label: 'history reader (accessPage, newest first)', reader: 'page', pageSize: 1000, scenario: OKTA_LOGS },
  { label: 'history reader (accessPage, newest first)', reader: 'page', pageSize: 1000, scenario: NO_LIMIT },
  {
    label: 'history reader, the newest 5,000 only',
    reader: 'page',
    pageSize: 1000,
    scenario: NO_LIMIT,
    maxEvents: 5_000,
  },
  { label: "history reader, the panel's page", reader: 'page', pageSize: 25, scenario: NO_LIMIT },
  { label: 'polling stream (accessStream, oldest first)', reader: 'stream', pageSize: 1000, scenario: OKTA_LOGS },
];
const TINY_READERS: Reader[] = [
  { label: 'history reader (accessPage, newest first)', reader: 'page', pageSize: 100, scenario: OKTA_LOGS },
  { label: "history reader, the panel's page", reader: 'page', pageSize: 25, scenario: NO_LIMIT },
];

/** A child running bench/lib/system-log-child.ts, talking JSON lines. */
const logChild = (job: object) => jsonLinesChild('lib/system-log-child.ts', job, 'System Log');

type HistoryResult = {
  count: number;
  monotonic: boolean;
  wallMs: number;
  baselineRssMiB: number;
  maxRssMiB: number;
  peakHeapMiB: number;
  heapBeforeMiB: number;
  heapAfterMiB: number;
};

async function readHistory(sim: SimProcess, creds: Credentials, r: Reader, expected: number): Promise<Cell[]> {
  await applyScenario(sim, r.scenario);
  const before = await sim.stats();
  const child = logChild({
    mode: 'history',
    creds,
    groupId: sim.historyGroupId,
    reader: r.reader,
    pageSize: r.pageSize,
    maxEvents: r.maxEvents,
  });
  try {
    const h = await child.next<HistoryResult>();
    const counts = countsBetween(before, await sim.stats());
    return [
      r.label,
      r.pageSize,
      r.scenario.label,
      h.count,
      Math.min(expected, r.maxEvents ?? expected) - h.count,
      h.monotonic ? 'yes' : 'NO',
      round(h.wallMs / 1000, 2),
      Math.round(h.count / (h.wallMs / 1000)),
      counts.requests(LOGS),
      counts.rateLimited,
      round(h.baselineRssMiB),
      round(h.maxRssMiB),
      round(h.maxRssMiB - h.baselineRssMiB),
      round(h.peakHeapMiB),
      round(h.heapBeforeMiB),
      round(h.heapAfterMiB),
    ];
  } finally {
    child.stop();
    await clearScenario(sim);
  }
}

type Seen = { uuid: string; key: string; at: number; seenAt: number };

/**
 * The polling stream on a fresh group while `arrivals` membership changes are made there through the simulator's
 * control plane (Okta's Admin Console: outside the console), evenly over `overMs`.
 */
async function feed(sim: SimProcess, creds: Credentials, arrivals: number, overMs: number): Promise<Cell[]> {
  const { id: groupId } = await sim.control<{ id: string }>('POST', '/groups', { name: 'Bench feed group' });
  const users = sim.userIds.slice(0, 200);
  const since = new Date(Date.now() - 1_000).toISOString();
  await applyScenario(sim, OKTA_LOGS);
  const before = await sim.stats();
  const child = logChild({ mode: 'feed', creds, groupId, since, pageSize: 1000 });
  try {
    await child.next<{ ready: true }>();
    const expected: string[] = [];
    const member = new Set<string>();
    const started = Date.now();
    const batches = Math.max(1, Math.round(overMs / 100));
    for (let b = 0; b < batches; b++) {
      const due = started + (b * overMs) / batches;
      if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
      const upTo = Math.round(((b + 1) * arrivals) / batches);
      // One at a time, so the order they were made is the order Okta logs them.
      while (expected.length < upTo) {
        const u = users[expected.length % users.length]!;
        const removing = member.delete(u);
        if (!removing) member.add(u);
        await sim.control(removing ? 'DELETE' : 'PUT', `/groups/${groupId}/users/${u}`);
        expected.push(`${removing ? 'removed' : 'added'}:${u}`);
      }
    }
    const lastArrival = Date.now();
    child.say(String(arrivals));
    const { polls, seen } = await child.next<{ polls: number; seen: Seen[] }>();
    const counts = countsBetween(before, await sim.stats());
    const unique = new Set(seen.map((e) => e.uuid)).size;
    const left = new Map<string, number>();
    for (const k of expected) left.set(k, (left.get(k) ?? 0) + 1);
    for (const e of seen) left.set(e.key, (left.get(e.key) ?? 0) - 1);
    const missed = [...left.values()].reduce((a, v) => a + Math.max(0, v), 0);
    const lags = seen.map((e) => e.seenAt - e.at).sort((a, b) => a - b);
    return [
      arrivals,
      round((lastArrival - started) / 1000, 1),
      seen.length,
      missed,
      seen.length - unique,
      seen.map((e) => e.key).join() === expected.join() ? 'yes' : 'NO',
      round((Math.max(...seen.map((e) => e.seenAt)) - lastArrival) / 1000, 2),
      round(percentile(lags, 50) / 1000, 2),
      round(percentile(lags, 95) / 1000, 2),
      round(lags.at(-1)! / 1000, 2),
      polls,
      counts.requests(LOGS),
      counts.rateLimited,
    ];
  } finally {
    child.stop();
    await clearScenario(sim);
  }
}

export const systemLog: Bench = {
  name: 'system-log',
  title: "Okta's System Log: one group's long history, and the polling stream while events arrive",
  async run({ tiny, log }) {
    const events = tiny ? 500 : 50_000;
    const arrivals = tiny ? 100 : 2_000;
    const overMs = tiny ? 2_000 : 20_000;
    log(
      `  seeding ${events.toLocaleString('en-US')} events of one group and ${(events / 2).toLocaleString('en-US')} of others…`,
    );
    const sim = await startSimProcess({ users: 800, groups: 3, apps: 1, history: { events, noise: events / 2 } });
    const historyRows: Cell[][] = [];
    const feedRows: Cell[][] = [];
    try {
      const creds = await serviceApp(sim, [...DEFAULT_SCOPES, LOGS_SCOPE]);
      for (const r of tiny ? TINY_READERS : READERS) {
        log(`  ${r.label}, page ${r.pageSize}, ${r.scenario.label}…`);
        historyRows.push(await readHistory(sim, creds, r, events));
      }
      log(`  polling stream, ${arrivals.toLocaleString('en-US')} events arriving over ${overMs / 1000} s…`);
      feedRows.push(await feed(sim, creds, arrivals, overMs));
    } finally {
      await sim.stop();
    }
    return {
      name: this.name,
      title: this.title,
      tables: [
        {
          title: `One group's history of ${events.toLocaleString('en-US')} membership changes over 89 days (with ${(events / 2).toLocaleString('en-US')} changes of other groups between them), read whole through lib/okta; 30 ms latency`,
          columns: [
            'reader',
            'page',
            'limits',
            'events read',
            'missing',
            'in order, no repeat',
            'wall s',
            'events/s',
            'log calls',
            '429s',
            'RSS before MiB',
            'max RSS MiB',
            'growth MiB',
            'peak heap MiB',
            'heap before MiB',
            'heap after MiB',
          ],
          rows: historyRows,
          notes: [
            "Each reader runs in a child process of its own that keeps nothing of what it reads: max RSS is that process's peak (getrusage), RSS before is taken after lib/okta is loaded, peak heap is sampled every 10 ms; heap before and after: the heap in use after a full collection, before and after the read (what the read left reachable).",
            "in order, no repeat: every event names the group and its `published` moves strictly one way (each seeded event has its own millisecond), so a repeated or misplaced page would show; missing: the group's events not read.",
            'log calls: GET /api/v1/logs as the simulator counted them.',
          ],
        },
        {
          title:
            "The polling stream (accessStream, resumed from its `next` link after each catch-up) on a fresh group while membership changes arrive through the Admin Console (the simulator's control plane); logs 120/min at Okta's 60-s window, 30 ms latency",
          columns: [
            'arrived',
            'over s',
            'seen',
            'missed',
            'repeated',
            'in order',
            'all seen after s',
            'lag median s',
            'lag p95 s',
            'lag max s',
            'polls',
            'log calls',
            '429s',
          ],
          rows: feedRows,
          notes: [
            'all seen after: from the last change made to the last one seen. lag: from an event’s `published` to the moment the reader had it.',
            'A poll reads until a page comes back empty (caught up) and then starts again from the `next` link it returned, at once: lib/okta paces the calls by the bucket’s headers.',
          ],
        },
      ],
      notes: [],
    };
  },
};
