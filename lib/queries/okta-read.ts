import 'server-only';

import { describeFailure } from '@/lib/access/messages';
import { notFound } from 'next/navigation';

/** Why a page's read of an integration's Okta directory failed, in the words a change's failure uses. */
export type ReadFailure = { message: string; requestId?: string; integrationId: string };

/**
 * Runs a page's Okta read and turns Okta's refusal or failure (a missing scope or role, a rate limit that
 * outlasted the retries, Okta unreachable, a redirect) into a failure the page shows in place, with Okta's
 * request id: a server component's thrown error reaches the browser only as "unexpected error" and a digest.
 * An integration that no longer exists is a 404. Anything else is a bug and is thrown.
 */
export async function oktaRead<T>(
  integrationId: string,
  read: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; failure: ReadFailure }> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    const failure = describeFailure(error);
    if (!failure) throw error;
    if (failure.reason === 'integration_missing') notFound();
    return { ok: false, failure: { message: failure.message, requestId: failure.requestId, integrationId } };
  }
}
