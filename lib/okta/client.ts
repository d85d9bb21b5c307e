import 'server-only';

import { OktaApi } from './api';
import { appsApi } from './apps';
import type { RetryPolicy } from './backoff';
import { ServerClock } from './clock';
import { normalizeOktaDomain } from './domain';
import { DpopSigner } from './dpop';
import { OktaError } from './errors';
import { groupsApi } from './groups';
import { loadPrivateKey } from './key-parse';
import { Limiter } from './limiter';
import { TokenManager, type TokenInfo } from './token';
import { Transport } from './transport';
import { DEFAULT_SCOPES, type OktaClientOptions, type OktaCredentials } from './types';
import { usersApi } from './users';

export type OktaClient = {
  origin: string;
  users: ReturnType<typeof usersApi>;
  groups: ReturnType<typeof groupsApi>;
  apps: ReturnType<typeof appsApi>;
  /** Requests this client lets into flight at once (its limiter's cap): bulk callers keep about twice this queued. */
  concurrency: number;
  /** Gets (or reuses) a token, then says what Okta granted and whether DPoP is in use. */
  tokenInfo(): Promise<TokenInfo>;
  /** Okta request ids of recent calls (newest last), for support tickets. */
  recentRequestIds(): string[];
  /** Low-level access for diagnosis. */
  readonly api: OktaApi;
};

const cache = new Map<string, OktaClient>();
const CACHE_LIMIT = 200;

/** The client of one integration; `cacheKey` must change whenever its credentials change. */
export function getOktaClient(cacheKey: string, creds: OktaCredentials, opts: OktaClientOptions): OktaClient {
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const client = createOktaClient(creds, opts);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(cacheKey, client);
  return client;
}

/** A fresh, uncached client (its own token cache and limiter). Throws OktaError config_invalid on bad input. */
export function createOktaClient(creds: OktaCredentials, opts: OktaClientOptions): OktaClient {
  const domain = normalizeOktaDomain(creds.domain, {
    allowedOrigins: opts.allowedOrigins,
    allowCustomDomain: creds.allowCustomDomain,
  });
  if (!domain.ok)
    throw new OktaError({ kind: 'config_invalid', errorCode: `domain_${domain.code}`, errorSummary: domain.message });
  const key = loadPrivateKey(creds.privateKey, { kid: creds.keyId });
  if (!key.ok) throw new OktaError({ kind: 'config_invalid', errorCode: `key_${key.code}`, errorSummary: key.message });

  const policy: RetryPolicy = {
    maxRetries: opts.maxRetries ?? 3,
    maxRateLimitRetries: opts.maxRateLimitRetries ?? 4,
    maxRateLimitWaitMs: opts.maxRateLimitWaitMs ?? 60_000,
    retryBaseMs: opts.retryBaseMs ?? 200,
  };
  const clock = new ServerClock();
  const concurrency = opts.concurrency ?? 8;
  const limiter = new Limiter({
    concurrency,
    reserve: opts.rateLimitReserve ?? 0.1,
    pace: opts.rateLimitPacing ?? true,
    maxWaitMs: policy.maxRateLimitWaitMs,
    now: () => clock.local(),
  });
  const transport = new Transport(domain.origin, clock, limiter, opts.timeoutMs ?? 15_000);
  const dpop = new DpopSigner(clock);
  const tokens = new TokenManager({
    ...policy,
    transport,
    clock,
    dpop,
    clientId: creds.clientId.trim(),
    keyObject: key.keyObject,
    alg: key.key.alg,
    kid: creds.keyId?.trim() || key.key.jwkKid,
    scopes: creds.scopes && creds.scopes.length > 0 ? creds.scopes : [...DEFAULT_SCOPES],
    authMode: creds.authMode,
    onAuthModeDetected: opts.onAuthModeDetected,
  });
  const api = new OktaApi({ ...policy, transport, tokens, dpop, clock });
  const users = usersApi(api);
  return {
    origin: domain.origin,
    users,
    groups: groupsApi(api, users),
    apps: appsApi(api, policy, clock),
    concurrency,
    api,
    async tokenInfo() {
      await tokens.get();
      return tokens.info();
    },
    recentRequestIds: () => [...transport.requestIds],
  };
}
