import 'server-only';

import { readOrCreateSecretFile } from '@/lib/crypto';
import { env } from '@/lib/env';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { clientIpFrom } from './client-ip';
import { SignInError, signInWithPassword } from './sign-in';
import { endSessions } from './users';

const credentials = z.object({ email: z.email(), password: z.string().min(1).max(1024) });

const authSecret = () => env.AUTH_SECRET ?? readOrCreateSecretFile(env.dataDir, 'auth-secret').toString('base64');

// Sessions are JWT cookies (the Credentials provider supports no other kind) carrying the user id and a
// session version; lib/auth/current-user.ts re-reads the user on every request, so disabling a user or
// changing their role ends their sessions at once.
let options: NextAuthOptions | undefined;

export const authOptions = (): NextAuthOptions =>
  (options ??= {
    secret: authSecret(),
    useSecureCookies: env.secureCookies,
    session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw, req) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          try {
            const user = await signInWithPassword(
              parsed.data.email,
              parsed.data.password,
              clientIpFrom(req.headers ?? {}),
            );
            return user ? { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion } : null;
          } catch (err) {
            if (err instanceof SignInError) throw new Error(err.code);
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
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
