import 'server-only';

import { handle } from '@/db';
import type { LeaseWorkerControl } from '@/lib/leases/worker';
import { log } from '@/lib/log';

// The graceful stop of a console process on SIGTERM (a deploy, a scale-down) or SIGINT: readiness turns 503 at once
// (the proxy stops sending requests), the workers stop claiming, let the Okta calls in flight end (each worker's
// drain is bounded, 20 s by default) and record their results, and hand back what did not end in time, so another
// instance takes those rows at once instead of after their lease expires; then the database pool closes and the
// process exits 0. A second signal while stopping changes nothing; a stop that hangs past the bound exits 1.
const state = globalThis as unknown as { consoleShuttingDown?: boolean; consoleShutdownInstalled?: boolean };
const HARD_LIMIT_MS = 45_000;

/** Whether this process is stopping (readiness answers 503 then). */
export const shuttingDown = (): boolean => state.consoleShuttingDown === true;

/**
 * Replaces the signal handlers already installed (Next's own, which would exit at once with 143) with the graceful
 * stop of `workers`. Once per process.
 */
export function stopGracefullyOnSignals(workers: () => LeaseWorkerControl[]): void {
  if (state.consoleShutdownInstalled) return;
  state.consoleShutdownInstalled = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal, workers()));
  }
}

async function shutdown(signal: string, workers: LeaseWorkerControl[]): Promise<void> {
  if (state.consoleShuttingDown) return;
  state.consoleShuttingDown = true;
  const started = Date.now();
  log.info('shutdown_started', { signal, workers: workers.map((w) => w.id) });
  setTimeout(() => {
    log.error('shutdown_timed_out', { afterMs: HARD_LIMIT_MS });
    process.exit(1);
  }, HARD_LIMIT_MS).unref();
  let code = 0;
  try {
    await Promise.all(workers.map((w) => w.stop()));
    await handle.close();
  } catch (err) {
    log.error('shutdown_failed', { err });
    code = 1;
  }
  log.info('shutdown_done', { ms: Date.now() - started });
  process.exit(code);
}
