/** Okta's clock as seen through `Date` headers: 429 resets and JWT times are in Okta's time, not ours. */
export class ServerClock {
  private skewMs = 0;

  constructor(private readonly localNow: () => number = Date.now) {}

  /** Milliseconds on Okta's clock. */
  now(): number {
    return this.localNow() + this.skewMs;
  }

  /** Local time at which Okta's clock shows `serverMs`. */
  toLocal(serverMs: number): number {
    return serverMs - this.skewMs;
  }

  local(): number {
    return this.localNow();
  }

  /** Learn the skew from a response's Date header (1 s resolution, so small differences are noise). */
  observe(dateHeader: string | undefined): void {
    if (!dateHeader) return;
    const server = Date.parse(dateHeader);
    if (Number.isNaN(server)) return;
    const skew = server - this.localNow();
    // Bounded: a wildly wrong Date header must not stall us for hours.
    this.skewMs = Math.abs(skew) < 2_000 ? 0 : Math.max(-3_600_000, Math.min(3_600_000, skew));
  }
}
