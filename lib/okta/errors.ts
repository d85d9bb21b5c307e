/**
 * The one error type lib/okta throws. Messages carry Okta's own codes and summaries and the request id,
 * never a token, an assertion, a proof or key material, so callers may log them as they are.
 */

/** Our classification; `errorCode` keeps Okta's own code (E0000006, invalid_client, ...). */
export type OktaErrorKind =
  | 'config_invalid'
  | 'unsafe_url'
  | 'network'
  | 'timeout'
  | 'invalid_response'
  | 'invalid_credentials'
  | 'app_inactive'
  | 'dpop_required'
  | 'dpop_error'
  | 'insufficient_scope'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'client_error'
  | 'server_error';

export type OktaErrorInit = {
  kind: OktaErrorKind;
  status?: number;
  errorCode?: string;
  errorSummary?: string;
  causes?: string[];
  requestId?: string;
  method?: string;
  path?: string;
  retryable?: boolean;
  /** Scope named by a 403 `insufficient_scope` challenge. */
  requiredScope?: string;
  /** For 429s: how long until Okta's window resets, from X-Rate-Limit-Reset and Date. */
  retryAfterMs?: number;
  cause?: unknown;
};

/**
 * Marks an OktaError across copies of this module: the production build bundles lib/okta into several server
 * chunks, and one integration's client (shared by all of them) throws the class of the chunk that created it.
 */
const BRAND = Symbol.for('okta-access-console.OktaError');

export class OktaError extends Error {
  override readonly name = 'OktaError';
  readonly [BRAND] = true;
  readonly kind: OktaErrorKind;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly errorCode?: string;
  readonly errorSummary?: string;
  readonly causes: string[];
  readonly requestId?: string;
  readonly method?: string;
  /** Path without query: queries can hold search terms, and the origin is known to the caller. */
  readonly path?: string;
  readonly retryable: boolean;
  readonly requiredScope?: string;
  readonly retryAfterMs?: number;

  constructor(init: OktaErrorInit) {
    super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.errorCode = init.errorCode;
    this.errorSummary = init.errorSummary;
    this.causes = init.causes ?? [];
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
    this.retryable = init.retryable ?? false;
    this.requiredScope = init.requiredScope;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export function isOktaError(value: unknown): value is OktaError {
  return value instanceof Error && (value as { [BRAND]?: unknown })[BRAND] === true;
}

function formatMessage(init: OktaErrorInit): string {
  const parts = ['Okta'];
  if (init.method && init.path) parts.push(`${init.method} ${init.path}`);
  if (init.status) parts.push(`HTTP ${init.status}`);
  if (init.errorCode) parts.push(init.errorCode);
  let text = parts.join(' ');
  text += `: ${init.errorSummary ?? init.kind}`;
  if (init.causes && init.causes.length > 0) text += ` (${init.causes.join('; ')})`;
  if (init.requestId) text += ` [request ${init.requestId}]`;
  return text;
}
