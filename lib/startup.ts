import 'server-only';

import { announceFirstRun } from '@/lib/auth/first-run';
import { env } from '@/lib/env';
import { startProcessExpiryWorker } from '@/lib/grants/process-worker';
import { startProcessWorker } from '@/lib/jobs/process-worker';
import { log } from '@/lib/log';
import { generatedSecretsProblem } from '@/lib/shared-secrets';
import { stopGracefullyOnSignals } from '@/lib/shutdown';

// What a console process does once at start. Several processes may start together on one database
// (migrations are serialised there, first-run seeding is one conditional insert), and a task that fails
// (the database is not up yet) is logged and tried again with backoff: it never leaves a process that
// serves errors or runs no worker.
const MAX_RETRY_MS = 30_000;

export async function startConsole(): Promise<void> {
  const refused = generatedSecretsProblem(env);
  if (refused) {
    log.error('startup_refused', { reason: refused });
    process.exit(1);
  }
  // The workers need no start-up task: each of their passes awaits the database and retries on its own. The
  // expiry worker's first pass ends the grants that fell due while the console was down.
  const workers = [startProcessWorker(), startProcessExpiryWorker()];
  // In production a SIGTERM stops the workers gracefully (lib/shutdown.ts); `next dev` keeps its own handling.
  if (env.isProduction) stopGracefullyOnSignals(() => workers);
  await keepTrying('migrate_and_first_run', announceFirstRun);
}

async function keepTrying(task: string, fn: () => Promise<void>, retryMs = 1_000): Promise<void> {
  try {
    await fn();
  } catch (err) {
    log.error('startup_task_failed', { task, retryInMs: retryMs, err });
    setTimeout(() => void keepTrying(task, fn, Math.min(retryMs * 2, MAX_RETRY_MS)), retryMs).unref();
  }
}
