import 'server-only';

import type { z } from 'zod';
import { RetryBudget } from './backoff';
import type { ServerClock } from './clock';
import type { DpopSigner } from './dpop';
import { OktaError } from './errors';
import { header, safePath, type HttpMethod, type HttpResponse } from './http';
import { errorFromResponse, parseChallenge, parseErrorBody } from './response-error';
import type { TokenManager } from './token';
import type { Transport } from './transport';

export type ApiRequest = {
  method: HttpMethod;
  /** Path on the org (already encoded) or an absolute URL on the same origin (a `next` link). */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Safe to repeat after a 5xx or network error; defaults to true except for POST. */
  idempotent?: boolean;
  /**
   * For writes: after an answer-less failure (5xx, timeout, reset) the write may have landed. When this says
   * the desired state already holds, the call counts as done instead of being sent again, so nothing is doubled.
   */
  verify?: () => Promise<boolean>;
};

export type ApiResponse = { status: number; headers: HttpResponse['headers']; body: string; requestId?: string };

export type ApiDeps = {
  transport: Transport;
  tokens: TokenManager;
  dpop: DpopSigner;
  clock: ServerClock;
  maxRetries: number;
  maxRateLimitRetries: number;
  maxRateLimitWaitMs: number;
  retryBaseMs: number;
};

/** Authenticated Management API calls: token + DPoP proof per attempt, and the retry rules. */
export class OktaApi {
  constructor(private readonly d: ApiDeps) {}

  async call(req: ApiRequest): Promise<ApiResponse> {
    const d = this.d;
    const url = req.path.startsWith('/') ? d.transport.url(req.path, req.query) : req.path;
    const idempotent = req.idempotent ?? req.method !== 'POST';
    // Okta answers 411 to a PUT/POST without Content-Length, so a body-less write still sends ''.
    const body =
      req.body !== undefined
        ? JSON.stringify(req.body)
        : req.method === 'PUT' || req.method === 'POST'
          ? ''
          : undefined;
    const retries = new RetryBudget(d, d.clock);
    let authRetried = false;
    let proofRetries = 0;
    let lastRequestId: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const token = await d.tokens.get();
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: `${token.type} ${token.value}`,
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token.type === 'DPoP') {
        headers.dpop = await d.dpop.proof({ method: req.method, url, accessToken: token.value, nonceFor: 'api' });
      }
      if (attempt > 0 && lastRequestId) {
        headers['x-okta-retry-for'] = lastRequestId;
        headers['x-okta-retry-count'] = String(attempt);
      }
      let res: HttpResponse;
      try {
        res = await d.transport.exchange(req.method, url, headers, body);
      } catch (error) {
        if (error instanceof OktaError && error.retryable && idempotent && retries.transientLeft) {
          if (req.verify && (await req.verify()))
            return { status: 204, headers: {}, body: '', requestId: lastRequestId };
          await retries.backoff();
          continue;
        }
        throw error;
      }
      const requestId = header(res.headers, 'x-okta-request-id');
      if (res.status >= 200 && res.status < 300)
        return { status: res.status, headers: res.headers, body: res.body, requestId };
      lastRequestId = requestId ?? lastRequestId;
      const challenge = parseChallenge(header(res.headers, 'www-authenticate'));
      const oauthError = challenge.error ?? parseErrorBody(res.body).oauthError;
      if (oauthError === 'use_dpop_nonce' && proofRetries < 2) {
        proofRetries++;
        d.dpop.rememberNonce('api', header(res.headers, 'dpop-nonce'));
        continue;
      }
      // A proof refused for freshness or replay gets one more, freshly signed, proof.
      if (oauthError === 'invalid_dpop_proof' && proofRetries < 1) {
        proofRetries++;
        continue;
      }
      if (res.status === 401 && !authRetried) {
        authRetried = true;
        d.tokens.invalidate(token.value);
        continue;
      }
      // 429 means Okta did nothing, so even a POST may be sent again.
      if (res.status === 429 && (await retries.rateLimited(res.headers))) continue;
      if (res.status >= 500 && idempotent && retries.transientLeft) {
        if (req.verify && (await req.verify())) return { status: 204, headers: {}, body: '', requestId };
        await retries.backoff();
        continue;
      }
      throw errorFromResponse(res, req.method, url);
    }
  }

  /** GET and validate a JSON body. */
  async getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    query?: ApiRequest['query'],
  ): Promise<{ data: z.infer<S>; requestId?: string; headers: HttpResponse['headers'] }> {
    const res = await this.call({ method: 'GET', path, query });
    return { data: parseJson(res, schema, 'GET', path), requestId: res.requestId, headers: res.headers };
  }
}

/** Validates a response body against a DTO schema; failures never echo the body. */
export function parseJson<S extends z.ZodType>(
  res: { body: string; status: number; requestId?: string },
  schema: S,
  method: string,
  path: string,
): z.infer<S> {
  let json: unknown;
  try {
    json = res.body === '' ? undefined : JSON.parse(res.body);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new OktaError({
      kind: 'invalid_response',
      status: res.status,
      method,
      path: safePath(path.startsWith('/') ? `http://x${path}` : path),
      requestId: res.requestId,
      errorSummary: `Unexpected response shape${where ? ` at "${where}"` : ''}`,
    });
  }
  return parsed.data;
}
