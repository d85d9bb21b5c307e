import 'server-only';

import { handle as processHandle } from '@/db';
import type { DatabaseHandle } from '@/db/client';
import { processExpiryWorker } from '@/lib/grants/process-worker';
import { processWorker } from '@/lib/jobs/process-worker';
import type { LeaseWorkerControl } from '@/lib/leases/worker';
import { log } from '@/lib/log';
import { shuttingDown } from '@/lib/shutdown';

// Readiness (GET /api/ready): may a proxy send this process requests? The database answers, every migration this
// build ships is applied, the workers run, and the process is not stopping. The answer names what failed and
// nothing else: no versions, paths, hosts or error text (those go to the log).
export type CheckName = 'database' | 'migrations' | 'workers' | 'shutdown';
export type Readiness = { ready: boolean; checks: Record<CheckName, 'ok' | 'failed'>; failed: CheckName[] };

const CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

async function check(name: CheckName, fn: () => Promise<boolean>): Promise<'ok' | 'failed'> {
  try {
    if (await withTimeout(fn())) return 'ok';
    log.warn('readiness_check_failed', { check: name });
  } catch (err) {
    log.warn('readiness_check_failed', { check: name, err });
  }
  return 'failed';
}

export async function readiness(
  opts: { handle?: DatabaseHandle; workers?: (LeaseWorkerControl | undefined)[] } = {},
): Promise<Readiness> {
  const h = opts.handle ?? processHandle;
  const workers = opts.workers ?? [processWorker(), processExpiryWorker()];
  const database = await check('database', async () => {
    await h.ping();
    return true;
  });
  const checks: Readiness['checks'] = {
    database,
    // Without a database there is nothing to compare: reported failed with it.
    migrations: database === 'ok' ? await check('migrations', () => h.migrationsCurrent()) : 'failed',
    workers: workers.every((w) => w?.active) ? 'ok' : 'failed',
    shutdown: shuttingDown() ? 'failed' : 'ok',
  };
  const failed = (Object.keys(checks) as CheckName[]).filter((k) => checks[k] === 'failed');
  return { ready: failed.length === 0, checks, failed };
}
