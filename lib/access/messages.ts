import { isOktaError } from '@/lib/okta';

/** Okta's refusal of an access operation, in words an admin can act on; the request id stays with it. */
export function describeOktaFailure(error: unknown): { message: string; requestId?: string; code?: string } | null {
  if (!isOktaError(error)) return null;
  const base = { requestId: error.requestId, code: error.errorCode };
  switch (error.kind) {
    case 'not_found':
      return { ...base, message: `Okta does not know that ${error.errorSummary?.match(/\((\w+)\)/)?.[1]?.replace('UserGroup', 'group').replace('AppInstance', 'app (or it is inactive)').toLowerCase() ?? 'object'} any more.` };
    case 'insufficient_scope':
      return { ...base, message: `The integration's app lacks the ${error.requiredScope ?? 'required'} scope. Grant it in Okta (Okta API Scopes tab), then test the integration.` };
    case 'forbidden':
      return { ...base, message: 'Okta refused: the integration’s admin roles do not cover this (Group Administrator / Application Administrator, or their targets).' };
    case 'rate_limited':
      return { ...base, message: 'Okta’s rate limit is reached. Try again in a minute.' };
    case 'invalid_credentials':
    case 'app_inactive':
    case 'dpop_required':
    case 'dpop_error':
      return { ...base, message: 'The integration could not sign in to Okta. Open it and run “Test now” for the cause and the fix.' };
    case 'network':
    case 'timeout':
      return { ...base, message: 'Okta could not be reached. Nothing was confirmed; check the result before retrying.' };
    default:
      return { ...base, message: `Okta answered ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}: ${error.errorSummary ?? 'an error'}.` };
  }
}
