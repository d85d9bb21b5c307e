import 'server-only';

import { readOrCreateSecretFile } from '@/lib/crypto';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import OktaProvider from 'next-auth/providers/okta';
import { z } from 'zod';
import { clientIpFrom, currentClientIp } from './client-ip';
import { noteAuthError, refusalPath } from './okta-callback';
import { takeOktaLink } from './okta-link';
import { completeOktaSignIn } from './okta-sign-in';
import { SignInError, signInWithPassword } from './sign-in';
import { endSessions, findUserByOkta } from './users';

const credentials = z.object({ email: z.email(), password: z.string().min(1).max(1024) });

const authSecret = () => env.AUTH_SECRET ?? readOrCreateSecretFile(env.dataDir, 'auth-secret').toString('base64');

// Sessions are JWT cookies (the Credentials provider supports no other kind) carrying the user id and a
// session version; lib/auth/current-user.ts re-reads the user on every request, so disabling a user or
// changing their role ends their sessions at once. Okta users' roles are re-read from Okta (okta-recheck.ts).
let options: NextAuthOptions | undefined;

const passwordProvider = () =>
  CredentialsProvider({
    name: 'Email and password',
    credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
    async authorize(raw, req) {
      const parsed = credentials.safeParse(raw);
      if (!parsed.success) return null;
      try {
        const user = await signInWithPassword(parsed.data.email, parsed.data.password, clientIpFrom(req.headers ?? {}));
        return user ? { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion } : null;
      } catch (err) {
        if (err instanceof SignInError) throw new Error(err.code);
        throw err;
      }
    },
  });

// next-auth v4's Okta provider checks only `state` by default: PKCE and the nonce are turned on here. The org
// authorization server puts `groups` in the ID token only; offline_access gives the refresh token the role check uses.
const oktaProvider = (cfg: NonNullable<typeof env.oktaSignIn>) =>
  OktaProvider({
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    issuer: cfg.issuer,
    name: cfg.label,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: 'openid profile email groups offline_access' } },
  });

export const authOptions = (): NextAuthOptions =>
  (options ??= {
    secret: authSecret(),
    useSecureCookies: env.secureCookies,
    session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
    pages: { signIn: '/sign-in', error: '/sign-in/refused' },
    providers: [
      ...(env.PASSWORD_SIGN_IN ? [passwordProvider()] : []),
      ...(env.oktaSignIn ? [oktaProvider(env.oktaSignIn)] : []),
    ],
    logger: {
      error: noteAuthError,
      warn: (code) => log.warn('auth_warning', { code }),
      debug: () => {},
    },
    callbacks: {
      // Credentials are decided in authorize(); an Okta sign-in here, after next-auth checked state, PKCE, nonce and
      // the ID token. A refusal goes to its page (never next-auth's error page, never back into a sign-in loop).
      async signIn({ account, profile }) {
        if (account?.provider !== 'okta') return true;
        try {
          const result = await completeOktaSignIn(
            profile,
            { refreshToken: account.refresh_token, idToken: account.id_token },
            await currentClientIp(),
            await takeOktaLink(),
          );
          return result.ok ? true : refusalPath(result.reason);
        } catch (err) {
          log.error('okta_sign_in_failed', { err });
          return refusalPath('callback');
        }
      },
      async jwt({ token, user, account, profile }) {
        if (account?.provider === 'okta' && profile) {
          const claims = profile as { iss?: string; sub?: string };
          const linked = await findUserByOkta(claims.iss ?? '', claims.sub ?? '');
          token.uid = linked?.id;
          token.sv = linked?.sessionVersion;
        } else if (user) {
          token.uid = user.id;
          token.sv = (user as { sv?: number }).sv;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
    events: {
      // Signing out ends every session of the user, so a copied cookie stops working too.
      async signOut({ token }) {
        if (typeof token?.uid === 'string') await endSessions(token.uid);
      },
    },
  });
