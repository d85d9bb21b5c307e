import 'server-only';

import { unsealSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { oktaClient } from './okta-client';
import { sealAad } from './okta-sign-in';
import { findUserById } from './users';

/**
 * Okta's logout URL for the user's last ID token (id_token_hint, required by Okta), back to the sign-in page (a
 * registered Sign-out redirect URI). Signing out of the console alone would leave the Okta session alive and make
 * the next sign-in silent. Null when there is nothing to end at Okta, or Okta cannot be reached.
 */
export async function oktaLogoutUrl(userId: string): Promise<string | null> {
  const user = await findUserById(userId);
  if (!user?.oktaIdToken || !env.oktaSignIn) return null;
  try {
    const client = await oktaClient();
    return client.endSessionUrl({
      id_token_hint: unsealSecret(user.oktaIdToken, sealAad(user.id, 'id_token')),
      post_logout_redirect_uri: `${env.APP_URL}/sign-in`,
    });
  } catch (err) {
    log.warn('okta_logout_url_failed', { user: user.id, err });
    return null;
  }
}
