import 'server-only';

import { KINDS } from '@/lib/access/kinds';
import { describeFailure } from '@/lib/access/messages';
import { recordAudit } from '@/lib/audit';
import { capabilityOf, noteChangeResult } from '@/lib/integrations/write-access';
import { claimFor, IntegrationClients } from '@/lib/leases/pace';
import { persistWithRetry } from '@/lib/leases/persist';
import { LeaseLoop, type LeaseWorkerControl } from '@/lib/leases/worker';
import { log } from '@/lib/log';
import type { OktaClient } from '@/lib/okta';
import { randomUUID } from 'node:crypto';
import {
  activeJobs,
  claimItems,
  finishIfDone,
  markRunning,
  recordResults,
  releaseItem,
  releaseItems,
  renewLeases,
  rowsWaiting,
  type RowResult,
} from './claim';
import { itemAudit, itemGrant, landedResult, runItem, type ItemResult } from './run-item';
import type { ItemRow, JobRow } from './store';
import { DEFAULT_RETRY, nextTry, spell, type RetryPolicy } from './transient';
import { countsFor } from './views';

// The bulk worker of one console process. It claims a few rows at a time, runs them, and records each
// result once. Resume after a crash needs nothing special: a dead worker's rows keep their lease until it
// expires, then any worker claims them again. Re-running such a row is safe because every bulk write is
// idempotent in Okta (membership PUT/DELETE, assignment POST/DELETE: repeating one leaves the same state),
// and its result is recorded only by the worker holding the claim, so no row is finished or audited twice.
export interface WorkerOptions {
  /** Defaults to host:pid:random; stored as claimedBy. */
  id?: string;
  /** How long a claim lasts without renewal (default 60 s); a crashed worker's rows wait this long. */
  leaseMs?: number;
  /** Sleep when there is nothing to do (default 1 s). */
  pollMs?: number;
  /** Rows in flight in this process across all integrations (default 64). */
  maxInFlight?: number;
  /** How rows that failed transiently are tried again (default: from 2 s doubling to 2 min, for 15 minutes). */
  retry?: Partial<RetryPolicy>;
  /** How long a stop waits for the rows in flight (default 20 s). */
  drainMs?: number;
}

/** The worker's loop is its control: its id, whenIdle() and the graceful stop() (lib/leases/worker.ts). */
export type JobWorker = LeaseWorkerControl;

/** Most results written in one transaction. */
const RECORD_BATCH = 100;

class Worker {
  readonly loop: LeaseLoop<string>;
  private readonly maxInFlight: number;
  private readonly retry: RetryPolicy;
  private readonly clients = new IntegrationClients();
  /** Integrations whose rate limit is exhausted: no claims before this time. */
  private readonly pausedUntil = new Map<string, number>();
  /** Results waiting for the next write (group commit: one transaction for those that finish meanwhile). */
  private results: { result: RowResult; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private recording = false;

  constructor(opts: WorkerOptions) {
    // Each row in flight keeps its integration's id (the meta): rows per integration are paced by its limiter.
    this.loop = new LeaseLoop<string>({
      name: 'bulk_worker',
      id: opts.id,
      leaseMs: opts.leaseMs ?? 60_000,
      pollMs: opts.pollMs ?? 1_000,
      drainMs: opts.drainMs,
    });
    this.maxInFlight = opts.maxInFlight ?? 64;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.loop.start({
      fill: () => this.fill(),
      renew: (ids) => renewLeases(this.id, ids),
      release: (ids) => releaseItems(this.id, ids),
      waiting: (passStart) => rowsWaiting(passStart),
    });
  }

  private get id() {
    return this.loop.id;
  }

  /** One pass over the jobs with work: claim what fits, start it. */
  private async fill(): Promise<number> {
    let claimed = 0;
    for (const job of await activeJobs()) {
      const room = this.maxInFlight - this.loop.inflight.size;
      if (room <= 0) break;
      if ((this.pausedUntil.get(job.integrationId) ?? 0) > Date.now()) continue;
      const client = await this.clients.get(job.integrationId);
      const n = Math.min(
        room,
        claimFor(client, KINDS[job.kind].relation.bucket, this.loop.inFlightWith(job.integrationId)),
      );
      if (n <= 0) continue;
      if (job.status === 'queued') await markRunning(job.id);
      const rows = await claimItems(job.id, this.id, n, this.loop.leaseMs, this.loop.inFlightIds());
      for (const row of rows)
        this.loop.launch(row.id, job.integrationId, () =>
          this.execute(job, client, row).catch((err: unknown) =>
            log.error('bulk_item_unrecorded', { worker: this.id, job: job.id, seq: row.seq, err }),
          ),
        );
      claimed += rows.length;
      if (rows.length === 0 && this.loop.inFlightWith(job.integrationId) === 0) await this.finish(job);
    }
    return claimed;
  }

  private async execute(job: JobRow, client: OktaClient | Error, row: ItemRow) {
    let r: ItemResult;
    try {
      if (client instanceof Error) throw client;
      r = await runItem(client, job, row);
    } catch (err) {
      r = unexpected(err, job, row);
    }
    if (r.transient && !(client instanceof Error)) {
      const settled = await this.settleTransient(job, client, row, r, r.transient);
      if (!settled) return;
      r = settled;
    }
    const audit = itemAudit(job, row, r);
    audit.detail = { ...audit.detail, worker: this.id, attempt: row.attempts };
    // Not recorded means our lease expired and another worker took the row over: it records the result.
    await this.record({
      itemId: row.id,
      r,
      audit,
      grant: itemGrant(job, row, r),
      taken: { integrationId: job.integrationId, kind: job.kind, resourceId: job.targetId, memberId: row.userId },
    });
    const capability = capabilityOf(KINDS[job.kind].relation.id);
    const what = `${KINDS[job.kind].label}: ${row.userLabel} · ${job.targetLabel}, bulk job`;
    if (r.status === 'succeeded') await noteChangeResult(job.integrationId, capability, { allowed: true, what });
    else if (r.code === 'E0000006')
      await noteChangeResult(job.integrationId, capability, { allowed: false, what, requestId: r.requestId });
  }

  /**
   * A row without Okta's verdict. Unless Okta refused it with a 429 (it did nothing then), the write may have
   * landed: when the kind's read finds the desired state, that is the row's result. Otherwise the row is handed
   * back for a later try, or, once its retry window is spent, fails with the last reason. Undefined: handed back.
   */
  private async settleTransient(
    job: JobRow,
    client: OktaClient,
    row: ItemRow,
    r: ItemResult,
    { rateLimited, retryAfterMs }: NonNullable<ItemResult['transient']>,
  ): Promise<ItemResult | undefined> {
    const now = new Date();
    const failingSince = row.failingSince ?? now;
    const next = nextTry(this.retry, { attempts: row.attempts, failingSince, now, retryAfterMs });
    if (!rateLimited || next === null) {
      const landed = await landedResult(client, job, row);
      if (landed) return landed;
    }
    if (next === null)
      return {
        ...r,
        message: `${r.message} (Still failing after ${spell(now.getTime() - failingSince.getTime())} of retries.)`,
      };
    // Okta's rate limit is spent: no new claims for this integration until it resets.
    if (rateLimited) this.pausedUntil.set(job.integrationId, Date.now() + (retryAfterMs ?? 0));
    await this.persist(() => releaseItem(this.id, row.id, { notBefore: next, failingSince, message: r.message }));
    return undefined;
  }

  /**
   * Records a row's result with the others that finish while a write is under way, in one transaction (group
   * commit): the batch grows with the rate rows finish at and the time a commit takes, and a lone row waits for
   * nothing. Resolves once its batch is written.
   */
  private record(result: RowResult): Promise<void> {
    return new Promise((resolve, reject) => {
      this.results.push({ result, resolve, reject });
      void this.recordPending();
    });
  }

  private async recordPending() {
    if (this.recording) return;
    this.recording = true;
    try {
      while (this.results.length > 0) {
        const batch = this.results.splice(0, RECORD_BATCH);
        try {
          await this.persist(() =>
            recordResults(
              this.id,
              batch.map((b) => b.result),
            ),
          );
          batch.forEach((b) => b.resolve());
        } catch (err) {
          batch.forEach((b) => b.reject(err));
        }
      }
    } finally {
      this.recording = false;
    }
  }

  private persist<T>(write: () => Promise<T>): Promise<T> {
    return persistWithRetry(write, { event: 'bulk_item_record_retry', worker: this.id });
  }

  private async finish(job: JobRow) {
    const done = await finishIfDone(job.id);
    if (!done) return;
    const { changed: _changed, ...counts } = (await countsFor([job.id])).get(job.id)!;
    await recordAudit({
      actor: { type: 'system', label: 'bulk worker' },
      action: 'bulk_job.finish',
      outcome: counts.failed > 0 ? 'failure' : 'success',
      target: { type: 'bulk_job', id: job.id, label: `${job.kind} ${job.targetLabel}` },
      integrationId: job.integrationId,
      detail: { jobId: job.id, kind: job.kind, ...counts },
    });
  }
}

function unexpected(err: unknown, job: JobRow, row: ItemRow): ItemResult {
  const failure = describeFailure(err);
  if (failure)
    return {
      status: 'failed',
      outcome: failure.reason === 'okta' ? 'okta' : 'not_found',
      message: failure.message,
      requestId: failure.requestId,
    };
  const ref = randomUUID().slice(0, 8);
  log.error('bulk_item_failed', { job: job.id, seq: row.seq, ref, err });
  return {
    status: 'failed',
    outcome: 'okta',
    message: `Something went wrong on the server (reference ${ref}). Retry the failed rows, or check the server log.`,
  };
}

/** Starts a worker loop in this process. */
export function startWorker(opts: WorkerOptions = {}): JobWorker {
  return new Worker(opts).loop;
}
