import 'server-only';

import { DEFAULT_RETRY, nextTry, spell, type RetryPolicy } from '@/lib/jobs/transient';
import { persistWithRetry } from '@/lib/leases/persist';
import { LeaseLoop, type LeaseWorkerControl } from '@/lib/leases/worker';
import { log } from '@/lib/log';
import { systemClock, type Clock } from './rules';
import { claimDueGrants, recordGrantEnd, releaseGrant, renewGrantLeases, type GrantRow } from './store';
import { expiryActor, takeBack } from './take-back';

// The expiry worker of one console process: each pass claims the grants whose end has come (those that fell due
// while the console was down included) and takes each back once. Like the bulk worker (lib/jobs/worker.ts): a
// claim is a lease; a dead worker's grants are claimed again when it expires; a result is recorded only by the
// worker holding the claim. Okta's writes that end access are safe to repeat, so a grant run twice ends once.
export interface ExpiryWorkerOptions {
  /** Defaults to host:pid:random; stored as claimedBy. */
  id?: string;
  /** How long a claim lasts without renewal (default 60 s). */
  leaseMs?: number;
  /** Between passes when nothing finished (default 5 s): a due grant is taken back within a few seconds. */
  pollMs?: number;
  /** Grants in flight in this process (default 16); each integration's Okta client paces its own calls. */
  maxInFlight?: number;
  /** How grants that failed transiently are tried again (default: as bulk rows, for 15 minutes, then overdue). */
  retry?: Partial<RetryPolicy>;
  /** What "now" is: which grants are due, leases, retries (tests move it). */
  clock?: Clock;
  /** How long a stop waits for the grants in flight (default 20 s). */
  drainMs?: number;
}

/** Its id, whenIdle() and the graceful stop() (lib/leases/worker.ts). */
export type ExpiryWorker = LeaseWorkerControl;

class Worker implements ExpiryWorker {
  private readonly loop: LeaseLoop;
  private readonly maxInFlight: number;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;

  constructor(opts: ExpiryWorkerOptions) {
    this.loop = new LeaseLoop({
      name: 'expiry_worker',
      id: opts.id,
      leaseMs: opts.leaseMs ?? 60_000,
      pollMs: opts.pollMs ?? 5_000,
      drainMs: opts.drainMs,
    });
    this.maxInFlight = opts.maxInFlight ?? 16;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.clock = opts.clock ?? systemClock;
    this.loop.start({
      fill: () => this.fill(),
      renew: (ids) => renewGrantLeases(this.id, ids, this.clock()),
      release: (ids) => Promise.all(ids.map((id) => releaseGrant(id, this.id, 'active', this.clock()))).then(() => {}),
    });
  }

  get id() {
    return this.loop.id;
  }

  get active() {
    return this.loop.active;
  }

  whenIdle(): Promise<void> {
    return this.loop.whenIdle();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async fill(): Promise<number> {
    const room = this.maxInFlight - this.loop.inflight.size;
    if (room <= 0) return 0;
    const due = await claimDueGrants(this.id, room, this.clock(), this.loop.leaseMs, this.loop.inFlightIds());
    for (const g of due)
      this.loop.launch(g.id, undefined, () =>
        this.end(g).catch((err: unknown) => log.error('grant_end_unrecorded', { worker: this.id, grant: g.id, err })),
      );
    return due.length;
  }

  private async end(g: GrantRow) {
    const r = await takeBack(g, expiryActor(g));
    const now = this.clock();
    const record = (write: () => Promise<unknown>) =>
      persistWithRetry(write, { event: 'grant_end_record_retry', worker: this.id });
    if ('end' in r) {
      // False: our lease expired and another worker took the grant over; it records the end.
      await record(() => recordGrantEnd(g.id, this.id, r.end, now, r.audits));
      return;
    }
    const failingSince = g.failingSince ?? now;
    const next = nextTry(this.retry, {
      attempts: g.attempts,
      failingSince,
      now,
      retryAfterMs: r.transient.retryAfterMs,
    });
    if (next === null) {
      const failureReason = `${r.message} (Still failing after ${spell(now.getTime() - failingSince.getTime())} of retries.)`;
      await record(() => recordGrantEnd(g.id, this.id, { state: 'overdue', outcome: 'okta', failureReason }, now, []));
      return;
    }
    await record(() =>
      releaseGrant(g.id, this.id, 'active', now, { notBefore: next, failingSince, failureReason: r.message }),
    );
  }
}

/** Starts an expiry worker loop in this process. */
export function startExpiryWorker(opts: ExpiryWorkerOptions = {}): ExpiryWorker {
  return new Worker(opts);
}
