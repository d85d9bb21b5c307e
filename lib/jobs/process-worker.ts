import 'server-only';

import { log } from '@/lib/log';
import { startWorker, type JobWorker } from './worker';

// One worker per server process, kept on globalThis so a dev-mode reload does not start a second one.
const g = globalThis as unknown as { bulkJobWorker?: JobWorker };

export function startProcessWorker(): JobWorker {
  if (!g.bulkJobWorker) {
    const worker = startWorker();
    g.bulkJobWorker = worker;
    // No signal handlers: when the process ends, its claims expire and another worker resumes those rows.
    log.info('bulk_worker_started', { worker: worker.id });
  }
  return g.bulkJobWorker;
}
