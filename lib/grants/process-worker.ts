import 'server-only';

import { log } from '@/lib/log';
import { startExpiryWorker, type ExpiryWorker } from './worker';

// One expiry worker per server process, kept on globalThis so a dev-mode reload does not start a second one.
const g = globalThis as unknown as { grantExpiryWorker?: ExpiryWorker };

export function startProcessExpiryWorker(): ExpiryWorker {
  if (!g.grantExpiryWorker) {
    const worker = startExpiryWorker();
    g.grantExpiryWorker = worker;
    // No signal handlers: when the process ends, its claims expire and another worker ends those grants.
    log.info('expiry_worker_started', { worker: worker.id });
  }
  return g.grantExpiryWorker;
}
