import 'server-only';

import { log } from '@/lib/log';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { persistWithRetry } from './persist';

// The loop of a worker that claims leased rows (the bulk worker, lib/jobs/worker.ts; the grant-expiry worker,
// lib/grants/worker.ts): passes that claim what fits, the rows in flight and the renewal of their leases, sleeping
// until a row finishes or the poll interval ends, waiting for idle (tests), and the graceful stop. What a pass
// claims and how a row runs is the worker's own (its `fill` launches each row through `launch`). The loop is also
// the control a worker hands out (LeaseWorkerControl: readiness, tests, the graceful stop on SIGTERM).
export interface LeaseLoopOptions {
  /** Names its log events (`<name>_pass_failed`, `<name>_drain_timeout`, …). */
  name: string;
  /** Defaults to host:pid:random; stored as claimedBy. */
  id?: string;
  /** How long a claim lasts without renewal: a crashed worker's rows wait this long. */
  leaseMs: number;
  /** Sleep when there is nothing to do. */
  pollMs: number;
  /** How long a stop waits for the rows in flight before it hands them back (default 20 s). */
  drainMs?: number;
}

/** The worker's side of the loop. */
export interface LeaseWork {
  /** One pass: claims what fits and starts each row with `loop.launch`. Returns how many rows it claimed. */
  fill(): Promise<number>;
  /** Extends the leases of these rows (this worker's, in flight). */
  renew(ids: string[]): Promise<void>;
  /** Hands these claimed rows back, for any worker to claim at once (a stop whose drain ran out of time). */
  release(ids: string[]): Promise<void>;
  /** Whether rows handed back for a later try keep the worker busy: asked only while someone waits for idle. */
  waiting?(passStart: Date): Promise<boolean>;
}

export interface LeaseWorkerControl {
  readonly id: string;
  /** Started and not stopping: claims work (readiness checks it). */
  readonly active: boolean;
  /** Resolves after a pass that found nothing to claim, nothing in flight and nothing waiting (tests, benchmarks). */
  whenIdle(): Promise<void>;
  /**
   * The graceful stop: claims nothing more, waits up to the drain time for the rows in flight to be recorded, then
   * hands back those still running, so another worker takes them at once rather than after their lease expires.
   */
  stop(): Promise<void>;
}

export class LeaseLoop<M = undefined> implements LeaseWorkerControl {
  readonly id: string;
  readonly leaseMs: number;
  /** Rows in flight: id → what the worker keeps about it, and the promise of its end. */
  readonly inflight = new Map<string, { meta: M; done: Promise<void> }>();
  private readonly name: string;
  private readonly pollMs: number;
  private readonly drainMs: number;
  private work: LeaseWork | undefined;
  private stopping = false;
  /** A row finished (or stop was asked) since the pass began: the next sleep returns at once. */
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private lastRenew = 0;
  private pass = 0;
  private idleWaiters: { after: number; resolve: () => void }[] = [];
  private loopDone: Promise<void> | undefined;
  private stopped: Promise<void> | undefined;

  constructor(opts: LeaseLoopOptions) {
    this.id = opts.id ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.name = opts.name;
    this.leaseMs = opts.leaseMs;
    this.pollMs = opts.pollMs;
    this.drainMs = opts.drainMs ?? 20_000;
  }

  /** Starts the passes (once the worker that owns this loop is constructed). */
  start(work: LeaseWork): void {
    this.work = work;
    this.loopDone = this.loop(work);
  }

  /** Started and not stopping: claims work (readiness checks it). */
  get active(): boolean {
    return this.loopDone !== undefined && !this.stopping;
  }

  /** Ids of the rows in flight. */
  inFlightIds(): string[] {
    return [...this.inflight.keys()];
  }

  /** How many rows in flight the worker keeps this about (e.g. rows of one integration). */
  inFlightWith(meta: M): number {
    let n = 0;
    for (const f of this.inflight.values()) if (f.meta === meta) n++;
    return n;
  }

  /** Runs one claimed row; `run` records its result (and logs what it could not record). */
  launch(id: string, meta: M, run: () => Promise<void>): void {
    const done = run()
      .catch((err: unknown) => log.error(`${this.name}_unrecorded`, { worker: this.id, id, err }))
      .finally(() => {
        this.inflight.delete(id);
        this.wake();
      });
    this.inflight.set(id, { meta, done });
  }

  whenIdle(): Promise<void> {
    const idle = new Promise<void>((resolve) => this.idleWaiters.push({ after: this.pass, resolve }));
    this.wake();
    return idle;
  }

  stop(): Promise<void> {
    return (this.stopped ??= this.drain());
  }

  private async drain() {
    this.stopping = true;
    this.wake();
    await this.loopDone;
    const inflight = [...this.inflight.values()].map((f) => f.done);
    if (inflight.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.drainMs)));
    const outcome = await Promise.race([Promise.allSettled(inflight), outOfTime]);
    clearTimeout(timer);
    if (outcome !== 'timeout') return;
    // Calls that did not end in time: the rows go back to be claimed. If one of those calls lands later, its
    // result is not recorded (the claim is gone), and the worker that takes the row repeats a write that is safe
    // to repeat.
    const left = this.inFlightIds();
    log.warn(`${this.name}_drain_timeout`, { worker: this.id, released: left.length, drainMs: this.drainMs });
    await persistWithRetry(() => this.work!.release(left), { event: `${this.name}_release_retry`, worker: this.id });
  }

  private async loop(work: LeaseWork) {
    while (!this.stopping) {
      this.pass++;
      const passStart = new Date();
      this.woken = false;
      let claimed = 0;
      try {
        await this.renewIfDue(work);
        claimed = await work.fill();
      } catch (err) {
        log.error(`${this.name}_pass_failed`, { worker: this.id, err });
      }
      if (
        claimed === 0 &&
        this.inflight.size === 0 &&
        this.idleWaiters.length > 0 &&
        !(await this.waiting(work, passStart))
      ) {
        const ready = this.idleWaiters.filter((w) => w.after < this.pass);
        this.idleWaiters = this.idleWaiters.filter((w) => w.after >= this.pass);
        ready.forEach((w) => w.resolve());
      }
      // Next pass when a row finishes (room to claim), or after pollMs (new work, lease renewal).
      await this.sleep(this.inflight.size > 0 ? Math.min(this.pollMs, this.leaseMs / 4) : this.pollMs);
    }
  }

  /** Rows due before the pass began were claimable in it: only later ones count as waiting. */
  private async waiting(work: LeaseWork, passStart: Date): Promise<boolean> {
    if (!work.waiting) return false;
    try {
      return await work.waiting(passStart);
    } catch (err) {
      log.error(`${this.name}_pass_failed`, { worker: this.id, err });
      return true;
    }
  }

  /** The next sleep (or the current one) ends at once. */
  wake(): void {
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

  private async renewIfDue(work: LeaseWork) {
    if (Date.now() - this.lastRenew < this.leaseMs / 4) return;
    this.lastRenew = Date.now();
    await work.renew(this.inFlightIds());
  }
}
