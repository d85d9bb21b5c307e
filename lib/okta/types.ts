/** Public input types of lib/okta (pure; safe to import from tests and schemas). */
import type { BudgetPeers } from './limiter';

export type AuthMode = 'auto' | 'dpop' | 'bearer';

export type OktaCredentials = {
  /** As typed: acme.okta.com, https://acme.okta.com/, ... */
  domain: string;
  clientId: string;
  keyId?: string;
  /** As pasted: PEM or JWK JSON. */
  privateKey: string;
  authMode: AuthMode;
  /** Defaults to DEFAULT_SCOPES. */
  scopes?: string[];
  allowCustomDomain?: boolean;
};

export type OktaClientOptions = {
  /** Extra origins (e.g. the simulator, 'http://127.0.0.1:*'); the caller reads them from env. */
  allowedOrigins: string[];
  /** Per attempt; default 15 s. */
  timeoutMs?: number;
  /** Retries after a 5xx or network error on a call that is safe to repeat; default 3. */
  maxRetries?: number;
  /** Waits after a 429 before giving up; default 4. */
  maxRateLimitRetries?: number;
  /** Longest single 429 wait; default 60 s. */
  maxRateLimitWaitMs?: number;
  /** Base of the exponential backoff with full jitter; default 200 ms. */
  retryBaseMs?: number;
  /** Requests in flight per integration; default 8 (Okta's org-wide concurrency limit is shared). */
  concurrency?: number;
  /** Share (0–1] of each rate-limit bucket this client may use; default 1, all that Okta leaves. */
  rateLimitShare?: number;
  /** Pace calls from X-Rate-Limit-* headers (default true); false leaves only the cap and 429 handling. */
  rateLimitPacing?: boolean;
  /** Other console processes spending this integration's buckets (several processes on one database). */
  peers?: BudgetPeers;
  /** Called once when auto mode finds the app requires DPoP (or settles on Bearer). */
  onAuthModeDetected?: (mode: 'dpop' | 'bearer') => void;
  /** Told of every exchange with Okta once it ends (logs, metrics); it must not throw. */
  onCall?: (call: OktaCall) => void;
};

/** One exchange with Okta as an observer sees it: never a header's secret, a query string or a body. */
export type OktaCall = {
  method: string;
  /** The path without its query string. */
  path: string;
  /** The rate-limit bucket it counted against (buckets.ts); 'token' for a token request. */
  bucket: string;
  /** Okta's HTTP status, or undefined when no answer came (timeout, network). */
  status?: number;
  durationMs: number;
  /** X-Okta-Request-Id, for a support ticket. */
  requestId?: string;
  /** What X-Rate-Limit-Remaining / -Limit said. */
  rateLimit: { remaining?: number; limit?: number };
};

/** The six okta.* scopes the console needs (read + manage for users, groups and apps). */
export const DEFAULT_SCOPES = [
  'okta.users.read',
  'okta.users.manage',
  'okta.groups.read',
  'okta.groups.manage',
  'okta.apps.read',
  'okta.apps.manage',
] as const;

/**
 * The optional seventh scope: reading Okta's System Log, for the history panels and "Changes made outside the
 * console". Asked for by the connection test and, once Okta granted it, by the integration's client; without it
 * nothing else changes.
 */
export const LOGS_SCOPE = 'okta.logs.read';
