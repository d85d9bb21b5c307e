export interface FaultSpec {
  /** Delay before the request is handled. */
  latencyMs?: number;
  /** Answer with this status (5xx or anything else) and an Okta error body. */
  status?: number;
  /** Destroy the connection without answering. */
  drop?: boolean;
  /** Answer 429 E0000047 with rate-limit headers, as if a bucket were exhausted. */
  rateLimit?: boolean;
  /** Apply to the next N matching calls; without count or ratio the fault stays until clearFaults(). */
  count?: number;
  /** Apply to this fraction of matching calls (deterministic: every 1/ratio-th call). */
  ratio?: number;
  method?: string;
  pathPrefix?: string;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  acc: number;
}

export class Faults {
  private active: ActiveFault[] = [];

  add(spec: FaultSpec | FaultSpec[]): void {
    for (const s of Array.isArray(spec) ? spec : [spec]) {
      this.active.push({ spec: s, remaining: s.count ?? Infinity, acc: 0 });
    }
  }

  clear(): void {
    this.active = [];
  }

  /** The first fault that applies to this call, consuming one of its uses. */
  take(method: string, path: string): FaultSpec | undefined {
    for (const f of this.active) {
      const s = f.spec;
      if (s.method && s.method.toUpperCase() !== method) continue;
      if (s.pathPrefix && !path.startsWith(s.pathPrefix)) continue;
      if (f.remaining <= 0) continue;
      if (s.ratio !== undefined) {
        f.acc += s.ratio;
        if (f.acc < 1) continue;
        f.acc -= 1;
      }
      f.remaining--;
      return s;
    }
    this.active = this.active.filter((f) => f.remaining > 0);
    return undefined;
  }
}
