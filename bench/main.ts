import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appAssignment } from './app-assignment';
import { bulkJobs } from './bulk-jobs';
import { bulkMembership } from './bulk-membership';
import { consolePages } from './console-pages';
import { grants } from './grants';
import { describeMachine, machine } from './lib/machine';
import { renderTable, type Bench } from './lib/table';
import { membershipCheck } from './membership-check';
import { paging } from './paging';
import { startUp } from './start-up';
import { systemLog } from './system-log';

const BENCHES: Bench[] = [
  bulkMembership,
  bulkJobs,
  appAssignment,
  paging,
  membershipCheck,
  grants,
  systemLog,
  consolePages,
  startUp,
];
const RESULTS = path.join(import.meta.dirname, 'results');

/** `npm run bench [-- --tiny] [-- --only=<name>]`; returns the exit code. Figures are printed, never judged. */
export async function main(argv: string[]): Promise<number> {
  const tiny = argv.includes('--tiny');
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const unknown = argv.filter((a) => a !== '--tiny' && !a.startsWith('--only='));
  const selected = only ? BENCHES.filter((b) => b.name === only) : BENCHES;
  if (unknown.length > 0 || selected.length === 0) {
    console.error(`usage: npm run bench [-- --tiny] [-- --only=<${BENCHES.map((b) => b.name).join('|')}>]`);
    return 2;
  }
  const m = machine();
  console.log(`Machine: ${describeMachine(m)}${tiny ? '  (tiny sizes)' : ''}`);
  fs.mkdirSync(RESULTS, { recursive: true });
  const failed: string[] = [];
  for (const bench of selected) {
    console.log(`\n== ${bench.name}: ${bench.title}`);
    const started = Date.now();
    // The machine may be shared (CI, other test runs): the load average says how much the figures can be trusted.
    const loadBefore = os.loadavg()[0]!;
    let result;
    try {
      result = await bench.run({ tiny, log: (line) => console.log(line) });
    } catch (error) {
      // A crash is a broken benchmark, not a slow one: report it, run the rest, and exit non-zero.
      console.error(`${bench.name} crashed:`, error);
      failed.push(bench.name);
      continue;
    }
    for (const t of result.tables) console.log(renderTable(t));
    for (const n of result.notes) console.log(`Note: ${n}`);
    const load = { before: loadBefore, after: os.loadavg()[0]! };
    console.log(
      `(${bench.name} took ${((Date.now() - started) / 1000).toFixed(1)} s on ${m.cores} cores; 1-min load average ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after)`,
    );
    const file = path.join(RESULTS, `${bench.name}${tiny ? '.tiny' : ''}.json`);
    fs.writeFileSync(
      file,
      `${JSON.stringify({ ...result, tiny, machine: m, loadAverage: load, finishedAt: new Date().toISOString() }, null, 2)}\n`,
    );
  }
  if (failed.length > 0) console.error(`\nCrashed: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}
