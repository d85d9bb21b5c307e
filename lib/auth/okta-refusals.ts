// Why an Okta sign-in was refused, in one list: the reason codes the audit log records, the words the refusal page
// shows, and the reading of next-auth's and openid-client's errors into those codes.

export const OKTA_REFUSALS = {
  no_group: 'Your Okta account is in none of the Okta groups that give a role in this console.',
  no_groups_claim:
    "Okta sent no groups claim. An Okta admin must add one to the console's app (Sign On → OpenID Connect ID Token → Groups claim filter, named groups).",
  disabled: 'This console account is disabled. Ask a console admin to enable it.',
  email_in_use:
    'A console account with your email exists and signs in with a password; it is never linked to Okta by email. Sign in with its password and use Settings → Link to Okta.',
  link_failed:
    'The account to link could not be linked (it is disabled, already linked, or gone). Start again from Settings.',
  no_email: 'Okta sent no email address for your account; the console needs one (scope email).',
  bad_claims: "Okta's ID token did not have the claims the console needs.",
  okta_error: 'Okta refused the sign-in.',
  state: 'The sign-in could not be matched to this browser (state check failed). Start again from this page.',
  pkce: 'The sign-in could not be verified (PKCE check failed). Start again from this page.',
  nonce: 'The sign-in could not be verified (nonce check failed). Start again from this page.',
  id_token: "Okta's ID token was not valid for this console (wrong issuer or audience, or expired).",
  code: 'This sign-in link was already used or has expired. Start again from this page.',
  unavailable: 'Okta could not be reached. Try again in a minute.',
  callback: 'Signing in with Okta failed. Start again; if it keeps failing, a console admin can check the audit log.',
} as const;
export type OktaRefusal = keyof typeof OKTA_REFUSALS;

export const isOktaRefusal = (v: unknown): v is OktaRefusal => typeof v === 'string' && v in OKTA_REFUSALS;

/**
 * Okta's own texts the refusal page may quote (oauth2-error-codes.json). Anything else in a callback's
 * error_description is only audited: the URL is the visitor's to write.
 */
export const OKTA_TEXTS = [
  'User is not assigned to the client application.',
  'The resource owner or authorization server denied the request.',
  'Policy evaluation failed for this request, please check the policy configurations.',
  'The client specified not to prompt, but the user is not logged in.',
  'PKCE code challenge is required by the application.',
] as const;

export interface ClassifiedFailure {
  reason: OktaRefusal;
  /** Okta's `error` and `error_description` when Okta sent them (callback query or token endpoint). */
  oktaError?: string;
  oktaText?: string;
  /** The library's message, for the audit log (never shown). */
  message?: string;
}

const PATTERNS: Array<[RegExp, OktaRefusal]> = [
  [/state/i, 'state'],
  [/pkce|code_verifier|code verifier/i, 'pkce'],
  [/nonce/i, 'nonce'],
  [/authorization code is invalid|invalid_grant.*code/i, 'code'],
  [
    /\biss\b|issuer|\baud\b|audience|azp|JWT expired|expired|issued in the future|iat|exp\b|signature|id_token/i,
    'id_token',
  ],
  [/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|fetch failed|socket|outgoing request timed out|expected 200 OK/i, 'unavailable'],
];

const text = (v: unknown, max = 300) => (typeof v === 'string' ? v.slice(0, max) : undefined);

/** Reads next-auth's logger.error(code, metadata) for an OAuth callback into a refusal reason. */
export function classifyCallbackError(code: string, metadata: unknown): ClassifiedFailure {
  const meta = (metadata ?? {}) as Record<string, unknown>;
  const found = meta.error instanceof Error ? meta.error : metadata instanceof Error ? metadata : undefined;
  const error: (Error & { error?: unknown; error_description?: unknown }) | undefined = found;
  // Okta redirected back with ?error=…&error_description=… (next-auth throws before any check).
  if (code === 'OAUTH_CALLBACK_HANDLER_ERROR' && meta.error_description !== undefined)
    return {
      reason: 'okta_error',
      oktaError: text(error?.message, 100),
      oktaText: text(meta.error_description),
    };
  // openid-client's OPError: Okta's token endpoint answered with an OAuth error. next-auth wraps it in an
  // OAuthCallbackError that keeps only its message, "invalid_grant (The authorization code is …)".
  const message = text(error?.message ?? (typeof metadata === 'string' ? metadata : undefined));
  const fromMessage = /^([a-z_]+) \((.*)\)$/.exec(message ?? '');
  const oktaError = text(error?.error, 100) ?? fromMessage?.[1];
  const oktaText = text(error?.error_description) ?? fromMessage?.[2];
  const haystack = `${oktaError ?? ''} ${oktaText ?? ''} ${message ?? ''}`;
  const reason = PATTERNS.find(([re]) => re.test(haystack))?.[1] ?? 'callback';
  return {
    reason,
    ...(oktaError ? { oktaError } : {}),
    ...(oktaText ? { oktaText } : {}),
    ...(message ? { message } : {}),
  };
}
