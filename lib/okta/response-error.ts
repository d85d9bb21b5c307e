import { OktaError, type OktaErrorKind } from './errors';
import { header, safePath, type HttpResponse } from './headers';

/** Parsed `WWW-Authenticate` challenge parameters (error, error_description, scope, ...). */
export function parseChallenge(value: string | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  if (!value) return params;
  for (const match of value.matchAll(/([A-Za-z_]+)="([^"]*)"/g)) {
    if (match[1] !== undefined && match[2] !== undefined) params[match[1]] = match[2];
  }
  return params;
}

type ErrorBody = {
  errorCode?: string;
  errorSummary?: string;
  causes: string[];
  oauthError?: string;
  oauthDescription?: string;
};

/** Reads either Okta's management error object or an OAuth `{error, error_description}` body. */
export function parseErrorBody(text: string): ErrorBody {
  const out: ErrorBody = { causes: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return out;
  }
  if (typeof json !== 'object' || json === null) return out;
  const o = json as Record<string, unknown>;
  if (typeof o.errorCode === 'string') out.errorCode = o.errorCode;
  if (typeof o.errorSummary === 'string') out.errorSummary = o.errorSummary;
  if (Array.isArray(o.errorCauses)) {
    for (const c of o.errorCauses as unknown[]) {
      const s = (c as { errorSummary?: unknown } | null)?.errorSummary;
      if (typeof s === 'string') out.causes.push(s);
    }
  }
  if (typeof o.error === 'string') out.oauthError = o.error;
  if (typeof o.error_description === 'string') out.oauthDescription = o.error_description;
  return out;
}

/** Turns a non-2xx Management API or OAuth response into an OktaError. */
export function errorFromResponse(res: HttpResponse, method: string, url: string): OktaError {
  const body = parseErrorBody(res.body);
  const challenge = parseChallenge(header(res.headers, 'www-authenticate'));
  const errorCode = body.errorCode ?? body.oauthError ?? challenge.error;
  const errorSummary =
    body.errorSummary ?? body.oauthDescription ?? challenge.error_description ?? `HTTP ${res.status}`;
  return new OktaError({
    kind: kindOf(res.status, errorCode),
    status: res.status,
    errorCode,
    errorSummary,
    causes: body.causes,
    requestId: header(res.headers, 'x-okta-request-id'),
    method,
    path: safePath(url),
    retryable: res.status === 429 || res.status >= 500,
    requiredScope: errorCode === 'insufficient_scope' ? challenge.scope : undefined,
    retryAfterMs: res.status === 429 ? retryAfter(res) : undefined,
  });
}

function retryAfter(res: HttpResponse): number | undefined {
  const reset = Number(header(res.headers, 'x-rate-limit-reset')?.split(',')[0]);
  const date = Date.parse(header(res.headers, 'date') ?? '');
  if (!Number.isFinite(reset) || Number.isNaN(date)) return undefined;
  return Math.max(0, reset * 1000 - date + 1000);
}

function kindOf(status: number, code: string | undefined): OktaErrorKind {
  if (code === 'insufficient_scope') return 'insufficient_scope';
  if (code === 'invalid_dpop_proof' || code === 'use_dpop_nonce') return 'dpop_error';
  if (status === 401) return 'invalid_credentials';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'client_error';
}
