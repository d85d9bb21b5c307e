import { randomId } from './ids';

/** A refusal: the HTTP layer writes status, headers and (optional) JSON body as given. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

// Management API codes used by the simulator, with status and errorSummary verbatim from Okta's
// error catalogue (developer-docs data/error-codes.json, release 2026.08.1).
const CATALOG = {
  E0000001: [400, 'Api validation failed: {0}'],
  E0000003: [400, 'The request body was not well-formed.'],
  E0000006: [403, 'You do not have permission to perform the requested action'],
  E0000007: [404, 'Not found: {0}'],
  E0000008: [404, 'The requested path was not found'],
  E0000009: [500, 'Internal Server Error'],
  E0000011: [401, 'Invalid token provided'],
  E0000022: [405, 'The endpoint does not support the provided HTTP method'],
  E0000031: [400, 'Invalid search criteria.'],
  E0000041: [400, 'Credentials should not be set on this resource based on the scheme.'],
  E0000046: [403, 'Deactivate application for user forbidden.'],
  E0000047: [429, 'API call exceeded rate limit due to too many requests.'],
  E0000053: [400, 'Invalid SCIM filter.'],
  E0000060: [501, 'Unsupported operation.'],
  E0000062: [409, 'The specified user is already assigned to the application.'],
  E0000090: [409, 'The role specified is already assigned to the user.'],
  E0000117: [403, 'Cannot assign apps or update app profiles for an inactive user.'],
  E0000263: [409, 'Attempted to assign a duplicate standard role assignment to an admin'],
} as const;

export type OktaErrorCode = keyof typeof CATALOG;

export function errorBody(code: OktaErrorCode, detail?: string, causes: string[] = []) {
  const [, summary] = CATALOG[code];
  return {
    errorCode: code,
    errorSummary: summary.replace('{0}', detail ?? ''),
    errorLink: code,
    errorId: randomId('oae', 22),
    errorCauses: causes.map((errorSummary) => ({ errorSummary })),
  };
}

export function oktaError(
  code: OktaErrorCode,
  detail?: string,
  causes?: string[],
  headers?: Record<string, string>,
): HttpError {
  return new HttpError(CATALOG[code][0], errorBody(code, detail, causes), headers);
}

export type ResourceKind = 'User' | 'UserGroup' | 'AppInstance' | 'Role' | 'CustomRole' | 'ResourceSet' | 'GroupRule';

/** Okta's text for an unknown id: `Not found: Resource not found: <id> (User)`. */
export function notFound(id: string, kind: ResourceKind): HttpError {
  return oktaError('E0000007', `Resource not found: ${id} (${kind})`);
}

/** OAuth endpoints answer `{error, error_description}` (RFC 6749 §5.2) instead of Okta's E-codes. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): HttpError {
  return new HttpError(status, { error, error_description: description }, headers);
}
