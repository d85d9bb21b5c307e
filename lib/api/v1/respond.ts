import 'server-only';

import { changedOkta } from '@/lib/access/kinds';
import type { AccessResult } from '@/lib/access/operations';

// JSON answers of the automation API: `{ error: { code, message, fields? } }` for every failure.
export type ApiErrorCode =
  | 'unauthenticated'
  | 'invalid_token'
  | 'forbidden'
  | 'rate_limited'
  | 'invalid_request'
  | 'too_large'
  | 'not_found'
  | 'refused'
  | 'okta'
  | 'internal';

const NO_STORE = { 'Cache-Control': 'no-store' };

export const apiJson = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { ...NO_STORE, ...headers } });

export const apiError = (
  status: number,
  code: ApiErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) => apiJson(status, { error: { code, message, ...extra } }, headers);

/**
 * An access operation's result: 200 (changed or already so), 409 refused, 404 not found, 502 Okta failed. `extra`
 * joins the answer (a time-bound grant's `grant`).
 */
export function accessResponse(r: AccessResult, extra: Record<string, unknown> = {}): Response {
  if (r.ok)
    return apiJson(200, {
      outcome: r.outcome,
      changed: changedOkta(r.outcome),
      message: r.message,
      oktaRequestId: r.requestId ?? null,
      ...extra,
    });
  const status = r.reason === 'refused' ? 409 : r.reason === 'not_found' ? 404 : 502;
  return apiError(status, r.reason, r.message, {
    oktaRequestId: r.requestId ?? null,
    ...(r.viaGroups ? { viaGroups: r.viaGroups } : {}),
    ...extra,
  });
}

/**
 * A list page's answer: `nextCursor`, and the ready-made path of the following page as `next` and as an RFC 8288
 * `Link: <…>; rel="next"` header, the way Okta pages (a path, resolved against the request, like `Location`). The
 * path is the request's own with `cursor` set, so `q`, `limit` and the other filters carry over; null and no header
 * on the last page.
 */
export function listAnswer(
  request: Request,
  body: Record<string, unknown>,
  nextCursor: string | number | null,
): Response {
  let next: string | null = null;
  if (nextCursor !== null) {
    const url = new URL(request.url);
    url.searchParams.set('cursor', String(nextCursor));
    next = `${url.pathname}?${url.searchParams.toString()}`;
  }
  return apiJson(200, { ...body, nextCursor, next }, next ? { Link: `<${next}>; rel="next"` } : {});
}
