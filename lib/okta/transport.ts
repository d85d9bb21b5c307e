import 'server-only';

import { readRateLimit } from './backoff';
import { bucketFor } from './buckets';
import type { ServerClock } from './clock';
import { OktaError } from './errors';
import { header, safePath, sendOnce, type HttpMethod, type HttpResponse } from './http';
import type { Limiter } from './limiter';
import type { OktaCall } from './types';

/**
 * One exchange with the integration's Okta origin: the SSRF check on every URL (including `next` links),
 * pacing, the timeout, and learning rate limits and clock skew from the answer. No retries here.
 */
export class Transport {
  /** Every X-Okta-Request-Id seen, newest last (bounded); diagnosis reports them. */
  readonly requestIds: string[] = [];

  constructor(
    readonly origin: string,
    private readonly clock: ServerClock,
    private readonly limiter: Limiter,
    private readonly timeoutMs: number,
    private readonly onCall?: (call: OktaCall) => void,
  ) {}

  async exchange(
    method: HttpMethod,
    url: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<HttpResponse> {
    this.assertSameOrigin(url, method);
    const bucket = bucketFor(method, new URL(url).pathname);
    const release = await this.limiter.acquire(bucket);
    const sentLocal = this.clock.local();
    let res: HttpResponse;
    try {
      res = await sendOnce(method, url, headers, body, this.timeoutMs);
    } catch (error) {
      release();
      this.observe({ method, url, bucket, sentLocal, rateLimit: {} });
      throw error;
    }
    const receivedLocal = this.clock.local();
    this.clock.observe(header(res.headers, 'date'), sentLocal, receivedLocal);
    const info = readRateLimit(res.headers, this.clock);
    // What the answer says goes in before the call leaves the count of those in flight.
    this.limiter.update(bucket, { ...info, sentLocal, receivedLocal });
    if (res.status === 429) this.limiter.block(bucket, info.resetLocal ?? receivedLocal + 1000);
    release();
    const requestId = header(res.headers, 'x-okta-request-id');
    if (requestId) {
      this.requestIds.push(requestId);
      if (this.requestIds.length > 50) this.requestIds.shift();
    }
    this.observe({
      method,
      url,
      bucket,
      sentLocal,
      status: res.status,
      requestId,
      rateLimit: { remaining: info.remaining, limit: info.limit },
    });
    return res;
  }

  private observe(c: Omit<OktaCall, 'path' | 'durationMs'> & { url: string; sentLocal: number }) {
    if (!this.onCall) return;
    const { url, sentLocal, ...call } = c;
    try {
      this.onCall({ ...call, path: new URL(url).pathname, durationMs: this.clock.local() - sentLocal });
    } catch {
      // An observer's failure never fails the call.
    }
  }

  /** Absolute URL for a path on this origin. */
  url(path: string, query?: Record<string, string | number | undefined>): string {
    const pairs = Object.entries(query ?? {}).filter(([, v]) => v !== undefined);
    // %20 rather than '+': Okta's filter/search expressions are full of spaces. The path keeps the caller's
    // encoding so that DPoP `htu` is exactly what goes on the wire.
    const search = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
    return `${this.origin}${path}${search ? `?${search}` : ''}`;
  }

  // Tokens and assertions must never reach another host, whatever a Link header or a caller says.
  private assertSameOrigin(url: string, method: string): void {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      origin = '';
    }
    if (origin !== this.origin) {
      throw new OktaError({
        kind: 'unsafe_url',
        method,
        path: safePath(url),
        errorSummary: "Refused to call a URL outside the integration's Okta origin",
      });
    }
  }
}
