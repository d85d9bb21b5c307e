import 'server-only';

import { log } from '@/lib/log';
import { startWorker, type JobWorker } from './worker';

// One worker per server process, kept on globalThis so a dev-mode reload does not start a second one.
const g = globalThis as unknown as { bulkJobWorker?: JobWorker };

export function startProcessWorker(): JobWorker {
  if (!g.bulkJobWorker) {
    const worker = startWorker();
    g.bulkJobWorker = worker;
    // On SIGTERM it stops gracefully (lib/shutdown.ts); a process that dies instead leaves its claims to expire.
    log.info('bulk_worker_started', { worker: worker.id });
  }
  return g.bulkJobWorker;
}

/** This process's worker, if it was started (readiness checks it). */
export const processWorker = (): JobWorker | undefined => g.bulkJobWorker;
