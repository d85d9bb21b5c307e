import 'server-only';

import { sealSecret, unsealSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { cookies } from 'next/headers';

// Linking a password account to an Okta account happens only on purpose: its owner, signed in and confirming
// their password, asks for it in Settings; this short-lived sealed cookie carries that intent to the Okta
// callback, which links the account it names to the Okta user who signs in next. Never by email.
const COOKIE = 'oac-okta-link';
const TTL_SECONDS = 600;
const AAD = 'okta_link_intent';

export async function startOktaLink(userId: string): Promise<void> {
  const value = sealSecret(JSON.stringify({ uid: userId, exp: Date.now() + TTL_SECONDS * 1000 }), AAD);
  (await cookies()).set(COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.secureCookies,
    path: '/api/auth',
    maxAge: TTL_SECONDS,
  });
}

/** The user who asked to link, once (the cookie is spent), or null. */
export async function takeOktaLink(): Promise<string | null> {
  const jar = await cookies();
  const raw = jar.get(COOKIE)?.value;
  if (!raw) return null;
  jar.delete({ name: COOKIE, path: '/api/auth' });
  try {
    const intent = JSON.parse(unsealSecret(raw, AAD)) as { uid?: unknown; exp?: unknown };
    return typeof intent.uid === 'string' && typeof intent.exp === 'number' && intent.exp > Date.now()
      ? intent.uid
      : null;
  } catch {
    return null;
  }
}
