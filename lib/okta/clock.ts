/** Bounded: a wildly wrong Date header must not stall us for hours. */
const MAX_OFFSET_MS = 3_600_000;

/**
 * Okta's clock as seen through `Date` headers: rate-limit resets and JWT times are in Okta's time, not ours.
 *
 * A Date header has one-second resolution, but every answer bounds the offset (Okta's time minus ours): Okta
 * wrote it at some moment between our send and our receive, when its clock showed between Date and Date + 1 s.
 * Intersecting those bounds over the answers narrows the offset to about a round trip within a few seconds of
 * traffic, and keeps it; an answer outside the bounds (a clock step on either side) starts them over.
 */
export class ServerClock {
  /** Okta's time minus ours lies in [lo, hi]. */
  private lo = -Infinity;
  private hi = Infinity;

  constructor(private readonly localNow: () => number = Date.now) {}

  local(): number {
    return this.localNow();
  }

  /** Milliseconds on Okta's clock (our best estimate). */
  now(): number {
    return this.localNow() + this.offset();
  }

  /** Local time at which Okta's clock shows `serverMs` (our best estimate). */
  toLocal(serverMs: number): number {
    return serverMs - this.offset();
  }

  /** The latest local time at which Okta's clock may show `serverMs`: waiting until then is never early. */
  notBefore(serverMs: number): number {
    return serverMs - clamp(Number.isFinite(this.lo) ? this.lo : this.offset() - 1000);
  }

  /** Learn from an answer's Date header, sent at `sentLocal` and received at `receivedLocal` (local ms). */
  observe(dateHeader: string | undefined, sentLocal: number, receivedLocal: number = this.localNow()): void {
    if (!dateHeader) return;
    const date = Date.parse(dateHeader);
    if (Number.isNaN(date)) return;
    const lo = date - receivedLocal;
    const hi = date + 1000 - sentLocal;
    if (lo > this.hi || hi < this.lo) {
      this.lo = lo;
      this.hi = hi;
      return;
    }
    this.lo = Math.max(this.lo, lo);
    this.hi = Math.min(this.hi, hi);
  }

  /** Okta's time minus ours: the middle of what the answers allow, 0 before any answer. */
  offset(): number {
    if (!Number.isFinite(this.lo) || !Number.isFinite(this.hi)) return 0;
    return clamp((this.lo + this.hi) / 2);
  }
}

function clamp(ms: number): number {
  return Math.max(-MAX_OFFSET_MS, Math.min(MAX_OFFSET_MS, ms));
}
