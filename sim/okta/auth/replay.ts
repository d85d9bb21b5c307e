/** Remembers single-use values (assertion and proof jti) until they could no longer be accepted anyway. */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  private lastPrune = 0;

  /** Returns false when the value was already used. */
  use(value: string, expiresAtMs: number, nowMs: number): boolean {
    this.prune(nowMs);
    if (this.seen.has(value)) return false;
    this.seen.set(value, expiresAtMs);
    return true;
  }

  has(value: string): boolean {
    return this.seen.has(value);
  }

  clear(): void {
    this.seen.clear();
  }

  private prune(nowMs: number): void {
    if (nowMs - this.lastPrune < 60_000) return;
    this.lastPrune = nowMs;
    for (const [k, exp] of this.seen) if (exp < nowMs) this.seen.delete(k);
  }
}
