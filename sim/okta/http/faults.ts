export interface FaultSpec {
  /** Delay before the request is handled. */
  latencyMs?: number;
  /** Answer with this status (5xx or anything else) and an Okta error body. */
  status?: number;
  /** Destroy the connection without answering. */
  drop?: boolean;
  /** Answer 429 E0000047 with rate-limit headers, as if a bucket were exhausted. */
  rateLimit?: boolean;
  /**
   * Hold the request, unanswered, until `releaseHeld()` or `clearFaults()`: a test can act while calls are
   * provably in flight (`heldCount()` says how many wait), instead of hoping a latency outlasts its step.
   */
  hold?: boolean;
  /** Apply to the next N matching calls; without count or ratio the fault stays until clearFaults(). */
  count?: number;
  /**
   * Apply to this fraction of matching calls (deterministic: every 1/ratio-th call). Counted in arrival order,
   * so which of several concurrent callers gets it depends on scheduling; see `maxPerRequest`.
   */
  ratio?: number;
  /**
   * Never apply this fault more than N times to the same request (method, URL and body): a transient fault,
   * so a client that retries at least N times always gets through however concurrent calls interleave
   * (without it, a busy machine can line callers up so that one caller's every retry lands on the ratio's slot).
   * Calls it no longer applies to do not count toward `ratio`.
   */
  maxPerRequest?: number;
  method?: string;
  pathPrefix?: string;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  acc: number;
  /** Times applied per request key (only with maxPerRequest). */
  perRequest: Map<string, number>;
}

export class Faults {
  private active: ActiveFault[] = [];
  private held: (() => void)[] = [];

  add(spec: FaultSpec | FaultSpec[]): void {
    for (const s of Array.isArray(spec) ? spec : [spec]) {
      this.active.push({ spec: s, remaining: s.count ?? Infinity, acc: 0, perRequest: new Map() });
    }
  }

  /** Removes every fault and lets every held request go on. */
  clear(): void {
    this.active = [];
    this.releaseHeld();
  }

  /**
   * The first fault that applies to this call, consuming one of its uses. `key` identifies the request for
   * `maxPerRequest` (the server passes method, URL and body); without it the path stands in.
   */
  take(method: string, path: string, key: string = `${method} ${path}`): FaultSpec | undefined {
    for (const f of this.active) {
      const s = f.spec;
      if (s.method && s.method.toUpperCase() !== method) continue;
      if (s.pathPrefix && !path.startsWith(s.pathPrefix)) continue;
      if (f.remaining <= 0) continue;
      if (s.maxPerRequest !== undefined && (f.perRequest.get(key) ?? 0) >= s.maxPerRequest) continue;
      if (s.ratio !== undefined) {
        f.acc += s.ratio;
        if (f.acc < 1) continue;
        f.acc -= 1;
      }
      f.remaining--;
      if (s.maxPerRequest !== undefined) f.perRequest.set(key, (f.perRequest.get(key) ?? 0) + 1);
      return s;
    }
    this.active = this.active.filter((f) => f.remaining > 0);
    return undefined;
  }

  /** Resolves when `releaseHeld()` or `clear()` is called (a `hold` fault). */
  hold(): Promise<void> {
    return new Promise<void>((resolve) => this.held.push(resolve));
  }

  /** How many requests a `hold` fault keeps waiting now. */
  heldCount(): number {
    return this.held.length;
  }

  /** Lets every held request go on (faults stay: later matching calls are held again). */
  releaseHeld(): void {
    const held = this.held;
    this.held = [];
    held.forEach((go) => go());
  }
}
