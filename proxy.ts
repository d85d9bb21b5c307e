import { NextResponse, type NextRequest } from 'next/server';

// UX only (API routes answer 401 themselves): send visitors without a session cookie to sign-in before rendering. The security boundary
// is the check inside every page, data function, action and route (lib/auth/guard, lib/actions/action).
const PUBLIC = ['/sign-in', '/first-run', '/api'];

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  const hasSession = request.cookies.getAll().some((c) => c.name.endsWith('next-auth.session-token'));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = pathname === '/' ? '' : `?callbackUrl=${encodeURIComponent(pathname)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
