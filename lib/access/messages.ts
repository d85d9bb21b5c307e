import { IntegrationMissingError } from '@/lib/integrations/okta-for';
import { isOktaError } from '@/lib/okta';

/** Okta's refusal of an access operation, in words an admin can act on; the request id stays with it. */
export function describeOktaFailure(error: unknown): { message: string; requestId?: string; code?: string } | null {
  if (!isOktaError(error)) return null;
  const base = { requestId: error.requestId, code: error.errorCode };
  // lib/okta never follows a redirect (it could leave Okta's origin); Okta's API does not send one to a right domain.
  if (error.status >= 300 && error.status < 400)
    return {
      ...base,
      message: `Okta answered with a redirect (HTTP ${error.status}) instead of data: the integration’s Okta domain may be wrong or have moved. Open the integration and run “Test now”.`,
    };
  switch (error.kind) {
    case 'not_found':
      return {
        ...base,
        message: `Okta does not know that ${
          error.errorSummary
            ?.match(/\((\w+)\)/)?.[1]
            ?.replace('UserGroup', 'group')
            .replace('AppInstance', 'app (or it is inactive)')
            .toLowerCase() ?? 'object'
        } any more.`,
      };
    case 'insufficient_scope':
      return {
        ...base,
        message: `The integration's app lacks the ${error.requiredScope ?? 'required'} scope. Grant it in Okta (Okta API Scopes tab), then test the integration.`,
      };
    case 'forbidden':
      return {
        ...base,
        message:
          'Okta refused: the integration’s admin roles do not cover this (Group Administrator / Application Administrator, or their targets).',
      };
    case 'rate_limited':
      return { ...base, message: 'Okta’s rate limit is reached. Try again in a minute.' };
    case 'invalid_credentials':
    case 'app_inactive':
    case 'dpop_required':
    case 'dpop_error':
      return {
        ...base,
        message: 'The integration could not sign in to Okta. Open it and run “Test now” for the cause and the fix.',
      };
    case 'network':
    case 'timeout':
      return {
        ...base,
        message: 'Okta could not be reached. Nothing was confirmed; check the result before retrying.',
      };
    default:
      return {
        ...base,
        message: `Okta answered ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}: ${error.errorSummary ?? 'an error'}.`,
      };
  }
}

/**
 * Why reading or changing an integration's Okta directory failed, for every caller (changes, bulk rows, previews,
 * routes): the integration is gone, Okta no longer knows the object, or Okta refused or failed (with its request
 * id). null for anything else, which is a bug the caller reports as such.
 */
export function describeFailure(
  error: unknown,
): { reason: 'integration_missing' | 'not_found' | 'okta'; message: string; requestId?: string; code?: string } | null {
  if (error instanceof IntegrationMissingError)
    return { reason: 'integration_missing', message: 'This integration no longer exists.' };
  const okta = describeOktaFailure(error);
  if (!okta) return null;
  const reason = isOktaError(error) && error.kind === 'not_found' ? 'not_found' : 'okta';
  return { reason, message: okta.message, requestId: okta.requestId, code: okta.code };
}

/**
 * A failed read or change of an integration's Okta directory, as the HTTP answer of a route: 404 when the
 * integration is gone (unknown or deleted) or Okta no longer knows the object, 502 when Okta refused or
 * failed, with Okta's request id. null for anything else, which is a bug the caller answers with a 500.
 */
export function describeRouteFailure(error: unknown): {
  status: 404 | 502;
  code: 'not_found' | 'okta';
  message: string;
  detail: { oktaRequestId?: string | null };
} | null {
  const failure = describeFailure(error);
  if (!failure) return null;
  const okta = failure.reason === 'okta';
  return {
    status: okta ? 502 : 404,
    code: okta ? 'okta' : 'not_found',
    message: failure.message,
    detail: failure.reason === 'integration_missing' ? {} : { oktaRequestId: failure.requestId ?? null },
  };
}
