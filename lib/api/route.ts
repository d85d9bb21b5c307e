import 'server-only';

import { describeRouteFailure } from '@/lib/access/messages';
import { getCurrentUser, type SessionUser } from '@/lib/auth/current-user';
import { hasRole, type Role } from '@/lib/auth/roles';
import { log } from '@/lib/log';
import { servedRoute } from '@/lib/request-log';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export interface RouteMeta {
  name: string;
  role: Role;
  query: z.ZodType;
}

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * The gate for GET route handlers (react-query reads): session → role → zod-parsed query string.
 * Answers 401/403/400 as JSON; an integration that is gone is 404 and Okta's refusals and failures (a redirect
 * included) 502, in words an admin can act on; other errors become a 500 with a reference, never a stack.
 */
export function defineRoute<Q extends z.ZodType, P extends Record<string, string> = Record<string, string>>(
  meta: { name: string; role: Role; query: Q },
  handler: (args: { query: z.output<Q>; params: P; user: SessionUser; request: Request }) => Promise<Response>,
) {
  // Next types a static route's params as Promise<unknown>; the handler's P says what a dynamic one holds.
  const route = (request: Request, ctx?: { params?: Promise<unknown> }): Promise<Response> =>
    servedRoute(meta.name, request, () => serve(request, ctx));
  const serve = async (request: Request, ctx?: { params?: Promise<unknown> }): Promise<Response> => {
    const user = await getCurrentUser();
    if (!user) return json(401, { error: 'Sign in to use this endpoint.' });
    if (!hasRole(user.role, meta.role)) return json(403, { error: `This needs the ${meta.role} role.` });
    const params = ((await ctx?.params) ?? {}) as P;
    const url = new URL(request.url);
    const parsed = meta.query.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error as z.ZodError<Record<string, unknown>>);
      return json(400, { error: 'Invalid query.', fieldErrors: flat.fieldErrors });
    }
    try {
      return await handler({ query: parsed.data, params, user, request });
    } catch (err) {
      const known = describeRouteFailure(err);
      if (known) return json(known.status, { error: known.message, code: known.code, ...known.detail });
      const ref = randomUUID().slice(0, 8);
      log.error('route_failed', { route: meta.name, ref, err });
      return json(500, { error: `Server error (reference ${ref}).` });
    }
  };
  return Object.assign(route, { meta: { name: meta.name, role: meta.role, query: meta.query } satisfies RouteMeta });
}

/** A CSV download: never cached, never sniffed as anything else; `headers` adds to these. */
export const csvAttachment = (body: ReadableStream, filename: string, headers: Record<string, string> = {}) =>
  new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
