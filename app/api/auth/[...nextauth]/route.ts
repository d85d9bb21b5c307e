import { dbReady } from '@/db';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { auditedOktaCallback } from '@/lib/auth/okta-callback';
import { authOptions } from '@/lib/auth/options';
import NextAuth from 'next-auth';

// next-auth's own endpoints (sign-in, sign-out, CSRF, session). Exempt from defineRoute: it is the
// authentication itself, and it validates its own input (lib/auth/options.ts parses credentials with zod;
// openid-client checks Okta's callback). Built per request so that nothing (the generated AUTH_SECRET file) is
// created at build time. Okta's callback runs inside lib/auth/okta-callback, which audits a refused one.
type Handler = (req: Request, ctx: unknown) => Promise<Response>;
const handler: Handler = async (req, ctx) => {
  await dbReady();
  const run = () => (NextAuth(authOptions()) as Handler)(req, ctx);
  if (new URL(req.url).pathname.endsWith('/callback/okta')) return auditedOktaCallback(clientIpFrom(req.headers), run);
  return run();
};

export { handler as GET, handler as POST };
