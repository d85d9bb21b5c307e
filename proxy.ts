import { PATH_HEADER } from '@/lib/auth/page-roles';
import { env } from '@/lib/env';
import { REQUEST_ID_HEADER, requestIdFor } from '@/lib/request-id';
import { contentSecurityPolicy, newNonce, NONCE_HEADER } from '@/lib/security/csp';
import { NextResponse, type NextRequest } from 'next/server';

// Every request gets its request id (lib/request-id.ts), passed on to the server code that logs it and returned as
// X-Request-Id. Then two jobs before rendering: a per-response CSP nonce (Next reads the policy from the request headers
// and stamps the nonce on its scripts), and, as UX only, sending visitors without a session cookie to
// sign-in. It also passes the path on (PATH_HEADER) for the console layout's page-role check, which sets
// the status. The security boundary is the check inside every page, data function, action and route
// (lib/auth/guard, lib/actions/action); API routes answer 401 themselves.
const PUBLIC = ['/sign-in', '/first-run', '/api'];

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER), env.TRUST_PROXY);
  const isPublic = PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = request.cookies.getAll().some((c) => c.name.endsWith('next-auth.session-token'));
  if (!isPublic && !hasSession) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    const back = `${pathname}${request.nextUrl.search}`;
    url.search = back === '/' ? '' : `?callbackUrl=${encodeURIComponent(back)}`;
    const redirect = NextResponse.redirect(url);
    redirect.headers.set(REQUEST_ID_HEADER, requestId);
    return redirect;
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: !env.isProduction });
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set(REQUEST_ID_HEADER, requestId); // overwrites any the client sent
  headers.set(PATH_HEADER, pathname); // overwrites any the client sent; the console layout checks the page's role by it
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
