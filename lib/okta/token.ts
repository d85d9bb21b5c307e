import 'server-only';

import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { signClientAssertion } from './assertion';
import { RetryBudget } from './backoff';
import type { ServerClock } from './clock';
import type { DpopSigner } from './dpop';
import { OktaError } from './errors';
import { header, type HttpResponse } from './http';
import type { KeyAlg } from './key-parse';
import { errorFromResponse, parseErrorBody } from './response-error';
import type { Transport } from './transport';
import type { AuthMode } from './types';

export type AccessToken = { value: string; type: 'Bearer' | 'DPoP'; expiresAtLocal: number; scopes: string[] };

export type TokenInfo = {
  requestedScopes: string[];
  grantedScopes: string[];
  missingScopes: string[];
  /** True when tokens are DPoP-bound. */
  dpop: boolean;
  /** Auto mode found that the app requires DPoP and switched. */
  switchedToDpop: boolean;
  expiresAt?: Date;
};

export type TokenDeps = {
  transport: Transport;
  clock: ServerClock;
  dpop: DpopSigner;
  clientId: string;
  keyObject: KeyObject;
  alg: KeyAlg;
  kid?: string;
  scopes: string[];
  authMode: AuthMode;
  maxRetries: number;
  maxRateLimitRetries: number;
  maxRateLimitWaitMs: number;
  retryBaseMs: number;
  onAuthModeDetected?: (mode: 'dpop' | 'bearer') => void;
};

const tokenResponse = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  scope: z.string().optional(),
});

const DPOP_MISSING = /DPoP proof JWT header is missing/i;
// A bad key, kid or client id gets a specific text from Okta. The generic "Client authentication failed"
// is left for a deactivated app (Okta's catalogue has no text of its own for it; UNCONFIRMED) or a client
// whose authentication method isn't private_key_jwt.
const CLOCK = /expired|must be issued before|too far into the future/i;
const INACTIVE = /inactive|deactivated|disabled|not active|^Client authentication failed/i;

/** Client-credentials tokens for one integration: cached, refreshed early, one request in flight at a time. */
export class TokenManager {
  private cached?: AccessToken;
  private inflight?: Promise<AccessToken>;
  private useDpop: boolean;
  private switched = false;
  private reported = false;
  private readonly tokenUrl: string;

  constructor(private readonly deps: TokenDeps) {
    this.useDpop = deps.authMode === 'dpop';
    this.tokenUrl = `${deps.transport.origin}/oauth2/v1/token`;
  }

  /** POST /oauth2/v1/token (org authorization server); a cached token while it has > 5 min (or 1/5) left. */
  get(): Promise<AccessToken> {
    const cached = this.cached;
    if (cached && this.deps.clock.local() < cached.expiresAtLocal) return Promise.resolve(cached);
    this.inflight ??= this.fetch().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Drop a token an API call rejected; a newer token fetched meanwhile stays. */
  invalidate(value: string): void {
    if (this.cached?.value === value) this.cached = undefined;
  }

  info(): TokenInfo {
    const granted = this.cached?.scopes ?? [];
    return {
      requestedScopes: [...this.deps.scopes],
      grantedScopes: granted,
      missingScopes: this.cached ? this.deps.scopes.filter((s) => !granted.includes(s)) : [],
      dpop: this.cached?.type === 'DPoP',
      switchedToDpop: this.switched,
      expiresAt: this.cached ? new Date(this.cached.expiresAtLocal) : undefined,
    };
  }

  private async fetch(): Promise<AccessToken> {
    const d = this.deps;
    const retries = new RetryBudget(d, d.clock);
    let proofRetries = 0;
    let clockRetried = false;
    for (;;) {
      let res: HttpResponse;
      try {
        res = await this.send();
      } catch (error) {
        if (error instanceof OktaError && error.retryable && retries.transientLeft) {
          await retries.backoff();
          continue;
        }
        throw error;
      }
      if (res.status === 200) return this.accept(res);
      const body = parseErrorBody(res.body);
      const description = body.oauthDescription ?? '';
      if (body.oauthError === 'use_dpop_nonce' && proofRetries < 3) {
        proofRetries++;
        if (d.dpop.rememberNonce('token', header(res.headers, 'dpop-nonce')) || proofRetries < 2) continue;
      }
      if (body.oauthError === 'invalid_dpop_proof' && DPOP_MISSING.test(description)) {
        if (d.authMode === 'auto' && !this.useDpop) {
          this.useDpop = true;
          this.switched = true;
          continue;
        }
        throw this.fail(res, 'dpop_required');
      }
      if (body.oauthError === 'invalid_dpop_proof' && proofRetries < 2) {
        proofRetries++;
        continue;
      }
      if (res.status === 429 && (await retries.rateLimited(res.headers))) continue;
      if (res.status >= 500 && retries.transientLeft) {
        await retries.backoff();
        continue;
      }
      if (!body.oauthError && !header(res.headers, 'x-okta-request-id') && res.status !== 429 && res.status < 500) {
        throw this.fail(res, 'invalid_response', "The token endpoint's answer is not Okta's");
      }
      // A time complaint on the first try usually means our clock is off; the answer's Date fixed the skew.
      if (body.oauthError === 'invalid_client' && CLOCK.test(description) && !clockRetried) {
        clockRetried = true;
        continue;
      }
      if (res.status === 401 || body.oauthError === 'invalid_client') {
        throw this.fail(res, INACTIVE.test(description) ? 'app_inactive' : 'invalid_credentials');
      }
      if (body.oauthError === 'consent_required' || body.oauthError === 'invalid_scope')
        throw this.fail(res, 'insufficient_scope');
      throw errorFromResponse(res, 'POST', this.tokenUrl);
    }
  }

  private async send(): Promise<HttpResponse> {
    const d = this.deps;
    const assertion = await signClientAssertion({
      keyObject: d.keyObject,
      alg: d.alg,
      kid: d.kid,
      clientId: d.clientId,
      tokenUrl: this.tokenUrl,
      clock: d.clock,
    });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: d.scopes.join(' '),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    };
    if (this.useDpop) headers.dpop = await d.dpop.proof({ method: 'POST', url: this.tokenUrl, nonceFor: 'token' });
    return d.transport.exchange('POST', this.tokenUrl, headers, form.toString());
  }

  private accept(res: HttpResponse): AccessToken {
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = undefined;
    }
    const parsed = tokenResponse.safeParse(json);
    // Never echo the body: it may hold a token.
    if (!parsed.success)
      throw this.fail(res, 'invalid_response', "The token endpoint's answer is not a valid token response");
    const { token_type, access_token, expires_in, scope } = parsed.data;
    const type = token_type.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
    const lifetimeMs = expires_in * 1000;
    const token: AccessToken = {
      value: access_token,
      type,
      expiresAtLocal: this.deps.clock.local() + lifetimeMs - Math.min(300_000, lifetimeMs / 5),
      scopes: scope === undefined ? [...this.deps.scopes] : scope.split(' ').filter(Boolean),
    };
    this.cached = token;
    if (this.deps.authMode === 'auto' && !this.reported) {
      this.reported = true;
      this.deps.onAuthModeDetected?.(type === 'DPoP' ? 'dpop' : 'bearer');
    }
    return token;
  }

  private fail(res: HttpResponse, kind: OktaError['kind'], summary?: string): OktaError {
    const base = errorFromResponse(res, 'POST', this.tokenUrl);
    return new OktaError({
      kind,
      status: base.status,
      errorCode: base.errorCode,
      errorSummary: summary ?? base.errorSummary,
      causes: base.causes,
      requestId: base.requestId,
      method: 'POST',
      path: base.path,
    });
  }
}
