import 'server-only';

import { log } from '@/lib/log';
import { startExpiryWorker, type ExpiryWorker } from './worker';

// One expiry worker per server process, kept on globalThis so a dev-mode reload does not start a second one.
const g = globalThis as unknown as { grantExpiryWorker?: ExpiryWorker };

export function startProcessExpiryWorker(): ExpiryWorker {
  if (!g.grantExpiryWorker) {
    const worker = startExpiryWorker();
    g.grantExpiryWorker = worker;
    // On SIGTERM it stops gracefully (lib/shutdown.ts); a process that dies instead leaves its claims to expire.
    log.info('expiry_worker_started', { worker: worker.id });
  }
  return g.grantExpiryWorker;
}

/** This process's worker, if it was started (readiness checks it). */
export const processExpiryWorker = (): ExpiryWorker | undefined => g.grantExpiryWorker;
