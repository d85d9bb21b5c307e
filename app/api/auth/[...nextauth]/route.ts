import { dbReady } from '@/db';
import { authOptions } from '@/lib/auth/options';
import NextAuth from 'next-auth';

// next-auth's own endpoints (sign-in, sign-out, CSRF, session). Exempt from defineRoute: it is the
// authentication itself, and it validates its own input (lib/auth/options.ts parses credentials with zod).
// Built per request so that nothing (the generated AUTH_SECRET file) is created at build time.
type Handler = (req: Request, ctx: unknown) => Promise<Response>;
const handler: Handler = async (req, ctx) => {
  await dbReady();
  return (NextAuth(authOptions()) as Handler)(req, ctx);
};

export { handler as GET, handler as POST };
