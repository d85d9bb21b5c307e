import { TokenIssuer } from './auth/access-tokens';
import { ReplayCache } from './auth/replay';
import { Directory } from './core/directory';
import { IdFactory, randomId } from './core/ids';
import { Faults } from './http/faults';
import { RateLimiter } from './http/rate-limit';
import { emptyStats, type SimStats } from './http/stats';
import { LogJournal } from './log/journal';
import { SystemLog } from './log/store';
import { OidcStore } from './oidc/store';
import { seedDirectory, type SeedOptions } from './seed/generate';

const DAY = 86_400_000;

/** Okta renews the dpop-nonce every 24 h and an old one keeps working for three days. */
export class NonceStore {
  private issued: Array<{ value: string; at: number }> = [];

  current(nowMs: number): string {
    const last = this.issued[this.issued.length - 1];
    if (last && nowMs - last.at < DAY) return last.value;
    const value = randomId('', 32);
    this.issued.push({ value, at: nowMs });
    return value;
  }

  valid(nowMs: number): Set<string> {
    this.issued = this.issued.filter((n) => nowMs - n.at < 3 * DAY);
    return new Set(this.issued.map((n) => n.value));
  }
}

/** Everything one simulated org holds. `reset()` rebuilds the directory from the seed. */
export class SimState {
  dir: Directory;
  /** The org's System Log; a reset empties it (the seed is history older than any log). */
  log: SystemLog;
  readonly assertionReplay = new ReplayCache();
  readonly dpopReplay = new ReplayCache();
  readonly nonces = new NonceStore();
  readonly limiter = new RateLimiter();
  readonly faults = new Faults();
  /** Sign-in state (codes, refresh tokens, Okta sessions); a reset forgets it. */
  oidc = new OidcStore();
  stats: SimStats = emptyStats();
  concurrencyLimit = 75;
  /** Run after every (re)seed, e.g. to re-register the demo org's service app. */
  readonly seedHooks: Array<(dir: Directory) => Promise<void> | void> = [];

  private constructor(
    readonly issuer: TokenIssuer,
    readonly seed: SeedOptions,
    readonly now: () => number,
  ) {
    this.log = new SystemLog(now);
    this.dir = this.build();
  }

  static async create(seed: SeedOptions, now: () => number = Date.now): Promise<SimState> {
    return new SimState(await TokenIssuer.create(), seed, now);
  }

  private build(): Directory {
    const dir = new Directory(new IdFactory(`sim-${this.seed.seed ?? 0}`), this.now);
    seedDirectory(dir, this.seed);
    dir.journal = new LogJournal(dir, this.log);
    return dir;
  }

  async reset(): Promise<void> {
    this.log = new SystemLog(this.now);
    this.dir = this.build();
    this.assertionReplay.clear();
    this.dpopReplay.clear();
    this.faults.clear();
    this.oidc = new OidcStore();
    this.limiter.reset();
    this.stats = emptyStats();
    for (const hook of this.seedHooks) await hook(this.dir);
  }
}
