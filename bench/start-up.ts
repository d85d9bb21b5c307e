import { buildIsFresh } from '@/scripts/lib/build-state.mjs';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, sleep, stopGroup } from './lib/server';
import { round, type Bench, type Cell } from './lib/table';

const ROOT = path.join(import.meta.dirname, '..');
const TIMEOUT_MS = 180_000;

type StartRun = { firstResponseMs: number | null; first200Ms: number | null; statuses: string; built: boolean };

/** `npm start` (node scripts/start.mjs) on free ports with an empty DATA_DIR, until /sign-in answers 200. */
async function timeStart(): Promise<StartRun> {
  const [port, simPort] = [await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
  const env = { ...process.env, PORT: String(port), SIM_PORT: String(simPort), DATA_DIR: dataDir };
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const seen: number[] = [];
  let firstResponseMs: number | null = null;
  let first200Ms: number | null = null;
  try {
    while (performance.now() - started < TIMEOUT_MS && child.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/sign-in`, {
          redirect: 'manual',
          signal: AbortSignal.timeout(5_000),
        });
        await res.arrayBuffer();
        firstResponseMs ??= performance.now() - started;
        if (seen.at(-1) !== res.status) seen.push(res.status);
        if (res.status === 200) {
          first200Ms = performance.now() - started;
          break;
        }
      } catch {
        /* not listening yet */
      }
      await sleep(50);
    }
  } finally {
    await stopGroup(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    firstResponseMs,
    first200Ms,
    statuses: seen.join(' → ') || 'none',
    built: output.includes('Building the console'),
  };
}

/** Issue 7 item 6: start-up time on a warm install (a build already present). */
export const startUp: Bench = {
  name: 'start-up',
  title: 'Start-up: npm start to the first 200 on /sign-in',
  async run({ tiny, log }) {
    const notes: string[] = [];
    // Never build from here: .next is shared with everything else in this working tree, and a build takes minutes.
    if (!buildIsFresh(ROOT)) {
      return {
        name: this.name,
        title: this.title,
        tables: [],
        notes: [
          'Skipped: .next/BUILD_ID is older than the sources, so npm start would build first (not a warm start). Run `npm run build`, then this benchmark.',
        ],
      };
    }
    const runs = tiny ? 1 : 3;
    const rows: Cell[][] = [];
    for (let i = 1; i <= runs; i++) {
      log(`  start ${i}/${runs}…`);
      const r = await timeStart();
      rows.push([
        i,
        r.firstResponseMs === null ? null : round(r.firstResponseMs / 1000, 2),
        r.first200Ms === null ? null : round(r.first200Ms / 1000, 2),
        r.statuses,
        r.built ? 'yes' : 'no',
      ]);
    }
    return {
      name: this.name,
      title: this.title,
      tables: [
        {
          title:
            'Start-up: node scripts/start.mjs (demo simulator, migrations on an empty SQLite DATA_DIR, next start) to /sign-in',
          columns: ['run', 'first response s', 'first 200 s', '/sign-in statuses', 'built'],
          rows,
          notes: [
            'Polled every 50 ms on loopback; each run gets free ports and a new temporary DATA_DIR, and its process group is stopped afterwards.',
          ],
        },
      ],
      notes,
    };
  },
};
