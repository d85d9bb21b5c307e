import type { Credentials } from './clients';

// One side of the paging benchmark in a process of its own, so its max RSS is its own.
type Job = { side: 'ours' | 'sdk'; pageSize?: number; creds: Credentials; groupId: string };
const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const MiB = 2 ** 20;

async function walk(): Promise<number> {
  let n = 0;
  if (job.side === 'ours') {
    const { ourClient } = await import('./clients');
    const client = ourClient(job.creds);
    for await (const u of client.groups.members(job.groupId, {
      maxPages: 100_000,
      ...(job.pageSize ? { pageSize: job.pageSize } : {}),
    }))
      if (u.id) n++;
  } else {
    const { sdkClient } = await import('./sdk-client');
    const client = sdkClient(job.creds);
    for await (const u of await client.groupApi.listGroupUsers({
      groupId: job.groupId,
      ...(job.pageSize ? { limit: job.pageSize } : {}),
    }))
      if (u?.id) n++;
  }
  return n;
}

// Load the library before the baseline, so "growth" is the walk alone.
await import(job.side === 'ours' ? './clients' : './sdk-client');
global.gc?.();
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 10);
const started = performance.now();
const count = await walk();
const wallMs = performance.now() - started;
clearInterval(sampler);
process.stdout.write(
  `${JSON.stringify({
    count,
    wallMs,
    baselineRssMiB: baselineRss / MiB,
    peakRssMiB: Math.max(peakRss, process.memoryUsage().rss) / MiB,
    maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
    peakHeapMiB: peakHeap / MiB,
  })}\n`,
);
