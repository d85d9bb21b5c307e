import { serviceApp } from './lib/clients';
import { countsBetween, firstJsonLine, nodeChild, startBigGroupSim } from './lib/sim-process';
import { round, type Bench, type Cell } from './lib/table';

type ChildResult = {
  count: number;
  wallMs: number;
  baselineRssMiB: number;
  peakRssMiB: number;
  maxRssMiB: number;
  peakHeapMiB: number;
};

const sides = [
  { label: 'ours (default page 200)', side: 'ours' },
  { label: 'ours (page 1000)', side: 'ours', pageSize: 1000 },
  { label: 'SDK iterator (default page)', side: 'sdk' },
  { label: 'SDK iterator (page 200)', side: 'sdk', pageSize: 200 },
] as const;

/** Issue 7 item 3: read every member of a big group; time and peak memory, ours vs the SDK's iterator. */
export const paging: Bench = {
  name: 'paging',
  title: 'Paging: read every member of a big group',
  async run({ tiny, log }) {
    const members = tiny ? 2_000 : 50_000;
    const sim = await startBigGroupSim(members, 5, log);
    const rows: Cell[][] = [];
    try {
      const creds = await serviceApp(sim);
      // Tiny mode keeps one side each: every child process costs seconds of start-up.
      for (const s of tiny ? sides.filter((x) => !('pageSize' in x)) : sides) {
        log(`  ${s.label}…`);
        const before = await sim.stats();
        const child = nodeChild('lib/paging-child.ts', [JSON.stringify({ ...s, creds, groupId: sim.bigGroupId })]);
        const r = await firstJsonLine<ChildResult>(child);
        const pages = countsBetween(before, await sim.stats()).requests('GET /api/v1/groups/:groupId/users');
        rows.push([
          s.label,
          r.count,
          round(r.wallMs / 1000, 2),
          Math.round(r.count / (r.wallMs / 1000)),
          pages,
          round(r.baselineRssMiB),
          round(r.maxRssMiB),
          round(r.maxRssMiB - r.baselineRssMiB),
          round(r.peakHeapMiB),
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
          title: `Paging: every member of a ${members.toLocaleString('en-US')}-member group (simulator in another process, no injected latency)`,
          columns: [
            'client',
            'members read',
            'wall s',
            'members/s',
            'pages (API calls)',
            'RSS before MiB',
            'max RSS MiB',
            'growth MiB',
            'peak heap MiB',
          ],
          rows,
          notes: [
            'Each side runs in its own child process; max RSS is that process\'s (getrusage), "RSS before" is taken after imports, before the first page.',
            'No latency is injected: against Okta add one round trip per page, which favours bigger pages.',
          ],
        },
      ],
      notes: [],
    };
  },
};
