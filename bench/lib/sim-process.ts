import { LIMITS_OUT_OF_REACH, type BucketName, type SimStats } from '@/sim/okta';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export type SimSeed = {
  users: number;
  groups: number;
  apps: number;
  bigGroupMembers?: number;
  /** Apps assigned to the big group. */
  bigGroupApps?: number;
  /** Extra origins (127.0.0.2, …) that reach the same org, for integrations with different domains. */
  aliases?: number;
  /**
   * A System Log history: `events` membership changes of one group (`historyGroupId`), made in the Admin Console,
   * and `noise` changes of other groups between them, published over the last 89 days (the org's clock is set
   * back while they are written).
   */
  history?: { events: number; noise: number };
};

export type SimProcess = {
  origin: string;
  /** ACTIVE users of the seed, in id order. */
  userIds: string[];
  bigGroupId?: string;
  historyGroupId?: string;
  aliasOrigins: string[];
  control<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
  stats(): Promise<SimStats>;
  /** CPU time (user + system, ms) the simulator's process used so far; null where /proc is missing. */
  cpuMs(): number | null;
  stop(): Promise<void>;
};

/** Linux: utime + stime of one process (fields 14 and 15 of /proc/<pid>/stat, clock ticks of 10 ms). */
function pidCpuMs(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Node with the flags this process runs under (tsx loader, react-server condition). */
export function nodeChild(
  script: string,
  args: string[],
  opts: { stdin?: 'pipe' | 'ignore'; env?: NodeJS.ProcessEnv } = {},
): ChildProcess {
  const file = path.join(import.meta.dirname, '..', script);
  return spawn(process.execPath, [...process.execArgv, file, ...args], {
    stdio: [opts.stdin ?? 'ignore', 'pipe', 'inherit'],
    env: opts.env ?? process.env,
  });
}

/**
 * A child running `script` that talks JSON lines: `input` is its first line of stdin and `say` sends more; `next`
 * reads its next line of stdout as JSON. `what` names it in the error of a child that exits before answering.
 */
export function jsonLinesChild(script: string, input: object, what: string, env?: NodeJS.ProcessEnv) {
  const child = nodeChild(script, [], { stdin: 'pipe', env });
  // A child that dies early (e.g. its modules failing to load) closes its stdin: report that, not an EPIPE crash.
  child.stdin!.on('error', () => undefined);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  child.stdin!.write(`${JSON.stringify(input)}\n`);
  return {
    next: async <T>(): Promise<T> => {
      const line = await lines.next();
      if (line.done) throw new Error(`the ${what} child exited before answering`);
      return JSON.parse(line.value) as T;
    },
    say: (line: string) => child.stdin!.write(`${line}\n`),
    stop: () => {
      child.stdin!.end();
      child.kill();
    },
  };
}

/** Reads the first JSON line a child prints. */
export function firstJsonLine<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl !== -1) resolve(JSON.parse(out.slice(0, nl)) as T);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
  });
}

export async function startSimProcess(seed: SimSeed): Promise<SimProcess> {
  const child = nodeChild('lib/sim-host.ts', [JSON.stringify(seed)], { stdin: 'pipe' });
  const ready = await firstJsonLine<{
    origin: string;
    userIds: string[];
    bigGroupId?: string;
    historyGroupId?: string;
    aliasOrigins: string[];
  }>(child);
  const control = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${ready.origin}/__sim${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sim control ${method} ${route}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    ...ready,
    control,
    stats: () => control<SimStats>('GET', '/stats'),
    cpuMs: () => pidCpuMs(child.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

/** Per-window limits of the simulator (other buckets keep Workforce values); null = every limit out of reach. */
export type Limits = null | {
  buckets: Partial<Record<BucketName, number>>;
  windowMs: number;
  concurrencyLimit: number;
};

export async function setLimits(sim: SimProcess, limits: Limits): Promise<void> {
  await sim.control('PUT', '/rate-limits', {
    config: limits ? { buckets: limits.buckets, windowMs: limits.windowMs } : LIMITS_OUT_OF_REACH.config,
    concurrencyLimit: limits?.concurrencyLimit ?? LIMITS_OUT_OF_REACH.concurrencyLimit,
  });
}

/** A simulator whose seed holds a group of `members` ACTIVE users (about 15% of seeded users are not ACTIVE). */
export function startBigGroupSim(members: number, groups: number, log: (line: string) => void): Promise<SimProcess> {
  log(`  seeding ${members.toLocaleString('en-US')} members…`);
  return startSimProcess({ users: Math.round(members * 1.4), groups, apps: 2, bigGroupMembers: members });
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** What the simulator counted between two snapshots: API calls exclude token requests. */
export function countsBetween(before: SimStats, after: SimStats) {
  const tokenRequests = after.tokenRequests - before.tokenRequests;
  return {
    tokenRequests,
    apiCalls: sum(after.requests) - sum(before.requests) - tokenRequests,
    rateLimited: after.rateLimited - before.rateLimited,
    itemsScanned: after.itemsScanned - before.itemsScanned,
    requests: (route: string) => (after.requests[route] ?? 0) - (before.requests[route] ?? 0),
    mutations: (op: string) => (after.mutations[op] ?? 0) - (before.mutations[op] ?? 0),
  };
}
