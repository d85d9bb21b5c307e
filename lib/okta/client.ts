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
import { Limiter, type BucketView } from './limiter';
import { systemLogApi } from './system-log';
import { TokenManager, type TokenInfo } from './token';
import { Transport } from './transport';
import { DEFAULT_SCOPES, type OktaClientOptions, type OktaCredentials } from './types';
import { usersApi } from './users';

export type OktaClient = {
  origin: string;
  users: ReturnType<typeof usersApi>;
  groups: ReturnType<typeof groupsApi>;
  apps: ReturnType<typeof appsApi>;
  /** The System Log (okta.logs.read): access changes, paged by Okta's own links, in its own rate-limit bucket. */
  logs: ReturnType<typeof systemLogApi>;
  /** Requests this client lets into flight at once (its limiter's cap): bulk callers keep about twice this queued. */
  concurrency: number;
  /** Gets (or reuses) a token, then says what Okta granted and whether DPoP is in use. */
  tokenInfo(): Promise<TokenInfo>;
  /** Okta request ids of recent calls (newest last), for support tickets. */
  recentRequestIds(): string[];
  /** The rate-limit buckets this client has used, as Okta last described them, with the last hour's windows. */
  rateLimits(): BucketView[];
  /** Change the share (0–1] of each bucket this client may use. */
  setRateLimitShare(share: number): void;
  /** Calls the bucket would let start within `horizonMs` beyond those waiting (Infinity: not paced yet). */
  readyIn(bucket: string, horizonMs: number): number;
  /** Low-level access for diagnosis. */
  readonly api: OktaApi;
};

// One registry per process, on globalThis: the production build bundles this module into more than one server
// chunk (pages, actions, route handlers, the bulk worker), and each copy would otherwise keep its own tokens
// and pacing for the same integration.
type Registered = { version: string; client: OktaClient };
const registry = globalThis as unknown as { oktaClients?: Map<string, Registered> };
const cache = (registry.oktaClients ??= new Map<string, Registered>());
const CACHE_LIMIT = 200;

/**
 * The one client of an integration in this process (its token cache and limiter). `version` must change
 * whenever the integration's credentials change; the client of an older version is then replaced.
 */
export function getOktaClient(
  id: string,
  version: string,
  creds: OktaCredentials,
  opts: OktaClientOptions,
): OktaClient {
  const hit = cache.get(id);
  if (hit?.version === version) return hit.client;
  const client = createOktaClient(creds, opts);
  cache.delete(id);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(id, { version, client });
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
    share: opts.rateLimitShare ?? 1,
    pace: opts.rateLimitPacing ?? true,
    peers: opts.peers,
    maxWaitMs: policy.maxRateLimitWaitMs,
    now: () => clock.local(),
  });
  const transport = new Transport(domain.origin, clock, limiter, opts.timeoutMs ?? 15_000, opts.onCall);
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
    logs: systemLogApi(api),
    concurrency,
    api,
    async tokenInfo() {
      await tokens.get();
      return tokens.info();
    },
    recentRequestIds: () => [...transport.requestIds],
    rateLimits: () => limiter.view(),
    setRateLimitShare: (share) => limiter.setShare(share),
    readyIn: (bucket, horizonMs) => limiter.ready(bucket, horizonMs),
  };
}
