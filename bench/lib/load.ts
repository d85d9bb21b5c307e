import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { percentile } from './table';

// autocannon ships no types; these are the parts used here (autocannon 9).
type AutocannonResult = {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
};
type AutocannonOptions = {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  timeout: number;
};
type Autocannon = (
  opts: AutocannonOptions,
  cb: (err: Error | null, result: AutocannonResult) => void,
) => EventEmitter & { stop(): void };
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;

export type LoadResult = {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  statuses: string;
};

/**
 * `connections` clients, each sending its next request when the last one is complete, for `seconds`.
 * Latency is per request until the last byte of the response (Next streams pages, so the first byte says little).
 */
export function load(
  url: string,
  opts: { connections: number; seconds: number; headers: Record<string, string> },
): Promise<LoadResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: opts.connections, duration: opts.seconds, headers: opts.headers, timeout: 60 },
      (err, r) => {
        if (err) return reject(err);
        latencies.sort((a, b) => a - b);
        resolve({
          requests: r.requests.total,
          perSecond: r.requests.total / opts.seconds,
          p50Ms: percentile(latencies, 50),
          p95Ms: percentile(latencies, 95),
          maxMs: latencies.at(-1) ?? Number.NaN,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
          statuses: Object.entries(r.statusCodeStats)
            .map(([code, s]) => `${code}×${s.count}`)
            .join(' '),
        });
      },
    );
    // autocannon's own histogram has p90 and p97.5 but no p95: keep every response time instead.
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
}
