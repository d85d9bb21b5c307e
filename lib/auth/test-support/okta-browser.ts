import type { AuthOptions } from 'next-auth';
import { NextRequest } from 'next/server';
import { createRequire } from 'node:module';
import path from 'node:path';

// A browser for the Okta sign-in tests: a cookie jar, requests to the console's next-auth route
// (app/api/auth/[...nextauth]/route.ts), and the simulator's authorize page followed like a person would.

type Route = (req: Request, ctx: unknown) => Promise<Response>;

/** What next/headers returns for the request in flight (the test file's vi.mock reads it). */
export const inFlight: { cookies: Map<string, string>; headers: Headers } = {
  cookies: new Map(),
  headers: new Headers(),
};

/**
 * next-auth's app-router handler (next-auth/next NextAuthRouteHandler) reading cookies and headers from the
 * request instead of next/headers, which only works inside Next's request scope: `vi.mock('next-auth')` with it.
 */
// next-auth's package exports do not expose these two, so they are loaded by file.
const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('next-auth'));
const { AuthHandler } = require(path.join(root, 'core/index.js')) as {
  AuthHandler: (p: { req: Record<string, unknown>; options: AuthOptions }) => Promise<{ status?: number }>;
};
const { getBody, toResponse } = require(path.join(root, 'next/utils.js')) as {
  getBody: (req: Request) => Promise<Record<string, string> | undefined>;
  toResponse: (res: unknown) => Response;
};

export function testNextAuth(options: AuthOptions) {
  return async (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => {
    const { nextauth } = await ctx.params;
    const query = Object.fromEntries(req.nextUrl.searchParams);
    const body = await getBody(req);
    const internal = await AuthHandler({
      req: {
        body,
        query,
        cookies: Object.fromEntries(req.cookies.getAll().map((c) => [c.name, c.value])),
        headers: Object.fromEntries(req.headers),
        method: req.method,
        action: nextauth[0],
        providerId: nextauth[1],
        error: query.error ?? nextauth[1],
      },
      options,
    });
    const response = toResponse(internal);
    const redirect = response.headers.get('Location');
    if (body?.json === 'true' && redirect) {
      response.headers.delete('Location');
      response.headers.set('Content-Type', 'application/json');
      return new Response(JSON.stringify({ url: redirect }), { status: internal.status, headers: response.headers });
    }
    return response;
  };
}

export class Browser {
  readonly jar = new Map<string, string>();

  constructor(private readonly route: { GET: Route; POST: Route }) {}

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /** A request to /api/auth/… on the console (APP_URL http://localhost:3000). */
  async console(method: 'GET' | 'POST', pathAndQuery: string, form?: Record<string, string>): Promise<Response> {
    const url = new URL(pathAndQuery, 'http://localhost:3000');
    const headers = new Headers({ 'x-forwarded-for': '10.9.8.7', host: 'localhost:3000' });
    if (form) headers.set('content-type', 'application/x-www-form-urlencoded');
    if (this.jar.size) headers.set('cookie', [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '));
    inFlight.cookies = new Map(this.jar);
    inFlight.headers = headers;
    const req = new NextRequest(url, {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const nextauth = url.pathname.replace(/^\/api\/auth\//, '').split('/');
    const res = await this.route[method](req, { params: Promise.resolve({ nextauth }) });
    this.keep(res);
    return res;
  }

  hasSession(): boolean {
    return [...this.jar.keys()].some((k) => k.endsWith('next-auth.session-token'));
  }

  /** Sign-in with Okta up to the callback URL Okta sends the browser to (not yet followed). */
  async toOkta(login: string): Promise<URL> {
    const { csrfToken } = (await (await this.console('GET', '/api/auth/csrf')).json()) as { csrfToken: string };
    const start = await this.console('POST', '/api/auth/signin/okta', { csrfToken, callbackUrl: '/', json: 'true' });
    const { url } = (await start.json()) as { url: string };
    const page = await (await fetch(url)).text();
    const tx = /name="tx" value="([^"]+)"/.exec(page)?.[1];
    if (!tx) throw new Error(`no sign-in page at ${url}: ${page.slice(0, 300)}`);
    const origin = new URL(url).origin;
    const back = await fetch(`${origin}/login/sim-sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ tx, username: login }),
      redirect: 'manual',
    });
    const location = back.headers.get('location');
    if (!location) throw new Error(`the simulator did not redirect: ${back.status}`);
    return new URL(location);
  }

  /** Follows Okta's redirect into the console's callback; returns where the console sends the browser. */
  async callback(url: URL): Promise<string> {
    const res = await this.console('GET', `${url.pathname}${url.search}`);
    return res.headers.get('location') ?? `(status ${res.status})`;
  }

  async signIn(login: string): Promise<string> {
    return this.callback(await this.toOkta(login));
  }
}
