import { DEFAULT_SCOPES, LOGS_SCOPE, type OktaAccessChange } from '@/lib/okta';
import { createInterface } from 'node:readline';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ourClient, type Credentials } from './clients';

// One System Log read through lib/okta in a process of its own, so its peak memory is its own. Reads the job as
// the first line on stdin.
// - history: one object's whole history as the history panel pages it (client.logs.accessPage, bounded,
//   newest first, following Okta's `next` links), or as the CSV export reads it (client.logs.accessStream,
//   ascending). Nothing is kept: the count, and whether `published` moved strictly one way (the seed gives
//   every event its own millisecond, so a repeat or a step back would show) — a gap shows in the count.
// - feed: the polling stream over events arriving meanwhile: drain until caught up, resume from the `next`
//   link it returned, again, until the parent says how many arrived and that many were seen; prints what
//   was seen, in order.
type Job =
  | {
      mode: 'history';
      creds: Credentials;
      groupId: string;
      reader: 'page' | 'stream';
      pageSize: number;
      /** Stop after this many (the newest, or the oldest for the stream): memory against history length. */
      maxEvents?: number;
    }
  | { mode: 'feed'; creds: Credentials; groupId: string; since: string; pageSize: number };
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const job = JSON.parse((await lines.next()).value as string) as Job;
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
/** Exits once stdout is flushed: on a pipe, process.exit right after a large write would cut the line. */
const sayAndExit = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`, () => process.exit(0));
const MiB = 2 ** 20;
// The optional okta.logs.read scope is asked for, as oktaFor does once a connection test saw it granted.
const okta = ourClient(job.creds, {}, [...DEFAULT_SCOPES, LOGS_SCOPE]);

if (job.mode === 'history') {
  // A full collection on demand, so the heap before and after the read counts only what is still reachable.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  const baselineRss = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 10);
  let count = 0;
  let monotonic = true;
  let last = job.reader === 'page' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  const see = (c: OktaAccessChange) => {
    if (c.group?.id !== job.groupId) monotonic = false;
    const at = Date.parse(c.at);
    if (job.reader === 'page' ? at >= last : at <= last) monotonic = false;
    last = at;
    count++;
  };
  const started = performance.now();
  if (job.reader === 'page') {
    const until = new Date();
    let next: string | undefined;
    do {
      const page = await okta.logs.accessPage({ targetIds: [job.groupId], until }, { pageSize: job.pageSize, next });
      page.items.forEach(see);
      next = page.next;
    } while (next && count < (job.maxEvents ?? Infinity));
  } else {
    const since = new Date(Date.now() - 90 * 86_400_000);
    const stream = okta.logs.accessStream({ targetIds: [job.groupId], since }, { pageSize: job.pageSize });
    for (let r = await stream.next(); !r.done && count < (job.maxEvents ?? Infinity); r = await stream.next())
      see(r.value);
  }
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  sayAndExit({
    count,
    monotonic,
    wallMs,
    baselineRssMiB: baselineRss / MiB,
    maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
    peakHeapMiB: peakHeap / MiB,
    heapBeforeMiB: heapBefore / MiB,
    heapAfterMiB: heapAfter / MiB,
  });
}

if (job.mode === 'feed') {
  let expected: number | undefined;
  void lines.next().then((l) => (expected = Number(l.value)));
  const seen: { uuid: string; key: string; at: number; seenAt: number }[] = [];
  let end: { next?: string; complete: boolean } = { complete: false };
  let polls = 0;
  let lastNewAt = Date.now();
  say({ ready: true });
  // Poll again as soon as a poll is caught up: lib/okta paces the calls by the System Log bucket's headers.
  while (expected === undefined || seen.length < expected) {
    const stream = okta.logs.accessStream(
      end.next ? { resume: end.next } : { targetIds: [job.groupId], since: new Date(job.since) },
      { pageSize: job.pageSize },
    );
    for (let r = await stream.next(); ; r = await stream.next()) {
      if (r.done) {
        end = r.value;
        break;
      }
      seen.push({
        uuid: r.value.uuid,
        key: `${r.value.what}:${r.value.user?.id}`,
        at: Date.parse(r.value.at),
        seenAt: Date.now(),
      });
      lastNewAt = Date.now();
    }
    polls++;
    // Everything arrived but some events never showed: give up after 60 s without a new one, and say so.
    if (expected !== undefined && Date.now() - lastNewAt > 60_000) break;
  }
  sayAndExit({ polls, seen });
}
