import 'server-only';

import { handle } from '@/db';
import type { LeaseWorkerControl } from '@/lib/leases/worker';
import { log } from '@/lib/log';

// The graceful stop of a console process on SIGTERM (a deploy, a scale-down) or SIGINT: readiness turns 503 at once
// (the proxy stops sending requests), the workers stop claiming, let the Okta calls in flight end (each worker's
// drain is bounded, 20 s by default) and record their results, and hand back what did not end in time, so another
// instance takes those rows at once instead of after their lease expires. Requests being served (a change made in
// the console or through /api/v1, between Okta's answer and its audit event) are waited for too, within the same
// bound. Then the database pool closes and the process exits 0. A second signal while stopping changes nothing; a
// stop that hangs past the hard limit exits 1.
const state = globalThis as unknown as {
  consoleShuttingDown?: boolean;
  consoleShutdownInstalled?: boolean;
  /** Requests being served; on globalThis, as the production build bundles this module into several chunks. */
  consoleRequestsServed?: Set<Promise<void>>;
};
const serving = (state.consoleRequestsServed ??= new Set());
const DRAIN_MS = 20_000;
const HARD_LIMIT_MS = 45_000;

/** Whether this process is stopping (readiness answers 503 then). */
export const shuttingDown = (): boolean => state.consoleShuttingDown === true;

/**
 * Marks one request as being served (the gates of routes and actions, lib/request-log.ts) until the function it
 * returns is called: a stop waits for it.
 */
export function beginServing(): () => void {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  serving.add(ended);
  return () => {
    serving.delete(ended);
    end();
  };
}

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

/**
 * What a stop waits for: the workers' drains and the requests being served, those that arrive meanwhile included,
 * each for at most `drainMs`. Requests still running then are cut by the exit (logged as `shutdown_requests_cut`).
 */
export async function drain(workers: LeaseWorkerControl[], drainMs = DRAIN_MS): Promise<{ requestsCut: number }> {
  const [requestsCut] = await Promise.all([requestsServed(drainMs), ...workers.map((w) => w.stop())]);
  return { requestsCut };
}

/** Waits for the requests being served; returns how many were still running at the bound. */
async function requestsServed(drainMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), drainMs)));
  // Again while requests that arrived meanwhile are served, until none is left or the bound runs out.
  while (serving.size > 0) if ((await Promise.race([Promise.all(serving), outOfTime])) === 'timeout') break;
  clearTimeout(timer);
  if (serving.size > 0) log.warn('shutdown_requests_cut', { requests: serving.size, drainMs });
  return serving.size;
}

async function shutdown(signal: string, workers: LeaseWorkerControl[]): Promise<void> {
  if (state.consoleShuttingDown) return;
  state.consoleShuttingDown = true;
  const started = Date.now();
  log.info('shutdown_started', { signal, workers: workers.map((w) => w.id), requests: serving.size });
  setTimeout(() => {
    log.error('shutdown_timed_out', { afterMs: HARD_LIMIT_MS });
    process.exit(1);
  }, HARD_LIMIT_MS).unref();
  let code = 0;
  try {
    await drain(workers);
    await handle.close();
  } catch (err) {
    log.error('shutdown_failed', { err });
    code = 1;
  }
  log.info('shutdown_done', { ms: Date.now() - started });
  process.exit(code);
}
