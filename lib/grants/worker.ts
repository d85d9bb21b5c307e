import 'server-only';

import { KINDS, type GrantKindId } from '@/lib/access/kinds';
import { DEFAULT_RETRY, nextTry, spell, type RetryPolicy } from '@/lib/jobs/transient';
import { claimFor, IntegrationClients } from '@/lib/leases/pace';
import { persistWithRetry } from '@/lib/leases/persist';
import { LeaseLoop, type LeaseWorkerControl } from '@/lib/leases/worker';
import { log } from '@/lib/log';
import { systemClock, type Clock } from './rules';
import { claimDueGrants, dueScopes, recordGrantEnd, releaseGrant, renewGrantLeases, type GrantRow } from './store';
import { expiryActor, takeBack } from './take-back';

// The expiry worker of one console process: each pass claims the grants whose end has come (those that fell due
// while the console was down included) and takes each back once. Like the bulk worker (lib/jobs/worker.ts): a
// claim is a lease; a dead worker's grants are claimed again when it expires; a result is recorded only by the
// worker holding the claim. Okta's writes that end access are safe to repeat, so a grant run twice ends once.
// Claims are sized per integration and rate-limit bucket by the integration's limiter (lib/leases/pace.ts), as
// the bulk worker's are: 10,000 grants ending at once are taken back at the bucket's pace, none waiting long with
// its lease at the limiter.
export interface ExpiryWorkerOptions {
  /** Defaults to host:pid:random; stored as claimedBy. */
  id?: string;
  /** How long a claim lasts without renewal (default 60 s). */
  leaseMs?: number;
  /** Between passes when nothing finished (default 5 s): a due grant is taken back within a few seconds. */
  pollMs?: number;
  /** Grants in flight in this process across all integrations (default 64); each integration's by its limiter. */
  maxInFlight?: number;
  /** How grants that failed transiently are tried again (default: as bulk rows, for 15 minutes, then overdue). */
  retry?: Partial<RetryPolicy>;
  /** What "now" is: which grants are due, leases, retries (tests move it). */
  clock?: Clock;
  /** How long a stop waits for the grants in flight (default 20 s). */
  drainMs?: number;
}

/** The worker's loop is its control: its id, whenIdle() and the graceful stop() (lib/leases/worker.ts). */
export type ExpiryWorker = LeaseWorkerControl;

/** While grants are in flight, the integrations and kinds with due grants are looked up again after this long. */
const RESCAN_MS = 1_000;

/** Grants whose ends spend the same integration's rate-limit bucket: claimed and paced together. */
type Scope = { key: string; integrationId: string; bucket: string; kinds: GrantKindId[] };

const bucketOf = (kind: GrantKindId) => KINDS[kind].relation.bucket;

class Worker {
  readonly loop: LeaseLoop<string>;
  private readonly maxInFlight: number;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly clients = new IntegrationClients();
  /** Scopes with grants to claim as last looked up (a pass per finished grant does not scan the table each time). */
  private scopes: Scope[] = [];
  private scannedAt = 0;

  constructor(opts: ExpiryWorkerOptions) {
    // Each grant in flight keeps its scope's key (the meta): grants per integration and bucket are paced together.
    this.loop = new LeaseLoop<string>({
      name: 'expiry_worker',
      id: opts.id,
      leaseMs: opts.leaseMs ?? 60_000,
      pollMs: opts.pollMs ?? 5_000,
      drainMs: opts.drainMs,
    });
    this.maxInFlight = opts.maxInFlight ?? 64;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.clock = opts.clock ?? systemClock;
    this.loop.start({
      fill: () => this.fill(),
      renew: (ids) => renewGrantLeases(this.id, ids, this.clock()),
      release: (ids) => Promise.all(ids.map((id) => releaseGrant(id, this.id, 'active', this.clock()))).then(() => {}),
    });
  }

  private get id() {
    return this.loop.id;
  }

  /**
   * Looked up again when nothing is in flight (an idle worker's pass is every pollMs, and a test waiting for idle
   * sees every grant due at its clock), when the last lookup is a second old, or when every scope was emptied.
   */
  private async scopesToClaim(): Promise<Scope[]> {
    if (this.loop.inflight.size > 0 && this.scopes.length > 0 && Date.now() - this.scannedAt < RESCAN_MS)
      return this.scopes;
    const byKey = new Map<string, Scope>();
    for (const { integrationId, kind } of await dueScopes(this.clock(), this.loop.leaseMs, this.loop.inFlightIds())) {
      const key = `${integrationId} ${bucketOf(kind)}`;
      const scope = byKey.get(key) ?? { key, integrationId, bucket: bucketOf(kind), kinds: [] };
      scope.kinds.push(kind);
      byKey.set(key, scope);
    }
    this.scannedAt = Date.now();
    return (this.scopes = [...byKey.values()]);
  }

  /** One pass: for each integration and bucket with due grants, claim what its limiter can take, start them. */
  private async fill(): Promise<number> {
    let claimed = 0;
    for (const scope of await this.scopesToClaim()) {
      const room = this.maxInFlight - this.loop.inflight.size;
      if (room <= 0) break;
      const client = await this.clients.get(scope.integrationId);
      const n = Math.min(room, claimFor(client, scope.bucket, this.loop.inFlightWith(scope.key)));
      if (n <= 0) continue;
      const due = await claimDueGrants(this.id, n, this.clock(), this.loop.leaseMs, this.loop.inFlightIds(), scope);
      // Fewer than asked: the scope is empty until the next lookup.
      if (due.length < n) this.scopes = this.scopes.filter((s) => s !== scope);
      for (const g of due)
        this.loop.launch(g.id, scope.key, () =>
          this.end(g).catch((err: unknown) => log.error('grant_end_unrecorded', { worker: this.id, grant: g.id, err })),
        );
      claimed += due.length;
    }
    return claimed;
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
  return new Worker(opts).loop;
}
