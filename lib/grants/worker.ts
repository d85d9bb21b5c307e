import 'server-only';

import { DEFAULT_RETRY, nextTry, spell, type RetryPolicy } from '@/lib/jobs/transient';
import { persistWithRetry } from '@/lib/leases/persist';
import { log } from '@/lib/log';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
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
}

export interface ExpiryWorker {
  readonly id: string;
  /** Resolves after a pass that found nothing due and nothing in flight (tests, benchmarks). */
  whenIdle(): Promise<void>;
  /** Stops claiming and waits for the grants in flight to be recorded. */
  stop(): Promise<void>;
}

class Worker implements ExpiryWorker {
  readonly id: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxInFlight: number;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly inflight = new Map<string, Promise<void>>();
  private stopping = false;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private lastRenew = 0;
  private pass = 0;
  private idleWaiters: { after: number; resolve: () => void }[] = [];
  private readonly loopDone: Promise<void>;

  constructor(opts: ExpiryWorkerOptions) {
    this.id = opts.id ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.pollMs = opts.pollMs ?? 5_000;
    this.maxInFlight = opts.maxInFlight ?? 16;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.clock = opts.clock ?? systemClock;
    this.loopDone = this.loop();
  }

  whenIdle(): Promise<void> {
    const idle = new Promise<void>((resolve) => this.idleWaiters.push({ after: this.pass, resolve }));
    this.wake();
    return idle;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loopDone;
  }

  private async loop() {
    while (!this.stopping) {
      this.pass++;
      this.woken = false;
      let claimed = 0;
      try {
        await this.renewIfDue();
        claimed = await this.fill();
      } catch (err) {
        log.error('expiry_worker_pass_failed', { worker: this.id, err });
      }
      if (claimed === 0 && this.inflight.size === 0) {
        const ready = this.idleWaiters.filter((w) => w.after < this.pass);
        this.idleWaiters = this.idleWaiters.filter((w) => w.after >= this.pass);
        ready.forEach((w) => w.resolve());
      }
      await this.sleep(this.inflight.size > 0 ? Math.min(this.pollMs, this.leaseMs / 4) : this.pollMs);
    }
    await Promise.allSettled(this.inflight.values());
  }

  private wake() {
    this.woken = true;
    this.wakeUp?.();
  }

  private sleep(ms: number) {
    if (this.woken) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async renewIfDue() {
    if (Date.now() - this.lastRenew < this.leaseMs / 4) return;
    this.lastRenew = Date.now();
    await renewGrantLeases(this.id, [...this.inflight.keys()], this.clock());
  }

  private async fill(): Promise<number> {
    const room = this.maxInFlight - this.inflight.size;
    if (room <= 0) return 0;
    const due = await claimDueGrants(this.id, room, this.clock(), this.leaseMs, [...this.inflight.keys()]);
    for (const g of due) {
      const done = this.end(g)
        .catch((err: unknown) => log.error('grant_end_unrecorded', { worker: this.id, grant: g.id, err }))
        .finally(() => {
          this.inflight.delete(g.id);
          this.wake();
        });
      this.inflight.set(g.id, done);
    }
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
