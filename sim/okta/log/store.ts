import type { LogEventJson } from './events';

const DAY = 86_400_000;
/** "Log data older than 90 days is not returned" (system-log-query, Data Retention). */
const RETENTION_MS = 90 * DAY;

/** One persisted event: `seq` is its place in persistence order, the order polling reads. */
export interface StoredEvent {
  seq: number;
  publishedMs: number;
  event: LogEventJson;
}

/**
 * The org's System Log: events in persistence order. `published` never goes backwards here (the simulator
 * persists an event the moment it happens), so one array serves both orders Okta documents: persistence for
 * polling and `published` for bounded queries, and time bounds are binary searches. Events past retention
 * are dropped from the front.
 */
export class SystemLog {
  private events: StoredEvent[] = [];
  /** Index of the oldest retained event (the ones before it are pruned, awaiting compaction). */
  private first = 0;
  /** seq of events[0]. */
  private base = 1;
  private lastPublished = 0;

  constructor(private readonly now: () => number) {}

  append(build: (publishedMs: number) => LogEventJson): void {
    const publishedMs = Math.max(this.now(), this.lastPublished);
    this.lastPublished = publishedMs;
    this.events.push({ seq: this.base + this.events.length, publishedMs, event: build(publishedMs) });
  }

  /** Drops what retention no longer returns. */
  prune(nowMs: number): void {
    while (this.first < this.events.length && this.events[this.first]!.publishedMs < nowMs - RETENTION_MS) this.first++;
    if (this.first > 1_000 && this.first * 2 > this.events.length) {
      this.events = this.events.slice(this.first);
      this.base += this.first;
      this.first = 0;
    }
  }

  /** Retained events live at indexes [start, end). */
  get start(): number {
    return this.first;
  }

  get end(): number {
    return this.events.length;
  }

  at(index: number): StoredEvent {
    return this.events[index]!;
  }

  /** seq of the newest event, 0 when none was ever written (a position before everything). */
  get lastSeq(): number {
    return this.base + this.events.length - 1;
  }

  /** Index of the first event with seq > `seq`, clamped to the retained range. */
  indexAfterSeq(seq: number): number {
    return Math.min(this.end, Math.max(this.first, seq - this.base + 1));
  }

  /** Index of the first retained event published at or after `ms`. */
  indexAtOrAfter(ms: number): number {
    let lo = this.first;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid]!.publishedMs < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index just past the last retained event published at or before `ms`. */
  indexAfterTime(ms: number): number {
    return this.indexAtOrAfter(ms + 1);
  }

  /** `published` of a retained event, undefined when pruned or never written. */
  publishedOfSeq(seq: number): number | undefined {
    const i = seq - this.base;
    return i >= this.first && i < this.events.length ? this.events[i]!.publishedMs : undefined;
  }

  /** seq that sits just before index `i` (the position "nothing read yet" at that point). */
  seqBefore(index: number): number {
    return this.base + index - 1;
  }
}
