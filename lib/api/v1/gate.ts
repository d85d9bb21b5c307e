import 'server-only';

import { dbReady } from '@/db';
import { describeRouteFailure } from '@/lib/access/messages';
import { apiRuntime, takeRateLimitSlot, type RateLimitSlot } from '@/lib/api-tokens/rate-limit';
import { findApiTokenBySecret, tokenState, type ApiToken } from '@/lib/api-tokens/store';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { log } from '@/lib/log';
import { servedRoute } from '@/lib/request-log';
import { formatUtc } from '@/lib/utils';
import type { ApiTokenAccess } from '@/lib/validations/api-tokens';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { apiError } from './respond';
import { auditUnknownToken } from './unknown-tokens';

export interface ApiRouteMeta {
  gate: 'api-token';
  name: string;
  access: ApiTokenAccess;
}

export interface ApiRequest<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  token: ApiToken;
  /** The token as an audit actor: operations record it like a console user. */
  actor: AuditActor;
  ip: string;
  request: Request;
}

type Fields = Record<string, string[]>;
const none = z.object({});
const REALM = 'Bearer realm="okta-access-console"';

const challenge = (error?: string) => ({
  'WWW-Authenticate': error ? `${REALM}, error="invalid_token", error_description="${error}"` : REALM,
});

function rateHeaders(slot: RateLimitSlot, now: Date): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(slot.limit),
    'X-RateLimit-Remaining': String(slot.remaining),
    'X-RateLimit-Reset': String(Math.ceil(slot.resetAt.getTime() / 1000)),
    ...(slot.allowed
      ? {}
      : { 'Retry-After': String(Math.max(1, Math.ceil((slot.resetAt.getTime() - now.getTime()) / 1000))) }),
  };
}

function fieldsOf(error: z.ZodError): Fields {
  const out: Fields = {};
  for (const issue of error.issues) (out[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return out;
}

/** Bodies above this are refused unread: the largest real one (a bulk job of MAX_ENTRIES logins) is about 2 MiB. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

async function readBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; tooLarge?: boolean }> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return { ok: false, tooLarge: true };
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) return { ok: false, tooLarge: true };
      chunks.push(chunk);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Unexpected errors: Okta's failures become 404/502 with its request id; anything else a 500 with a reference. */
function failure(name: string, err: unknown): Response {
  const known = describeRouteFailure(err);
  if (known) return apiError(known.status, known.code, known.message, known.detail);
  const ref = randomUUID().slice(0, 8);
  log.error('api_route_failed', { route: name, ref, err });
  return apiError(500, 'internal', `Something went wrong on the server (reference ${ref}).`, { reference: ref });
}

/**
 * The one gate of every /api/v1 route: bearer token → revoked/expired → per-token rate limit → read/write
 * access → integration scope → zod for params, query and body → handler. Every refusal after the token is
 * known is audited with the token as the actor; the secret itself is never logged or stored.
 */
export function defineApiRoute<
  P extends z.ZodType = typeof none,
  Q extends z.ZodType = typeof none,
  B extends z.ZodType = typeof none,
>(
  meta: { name: string; access: ApiTokenAccess; params?: P; query?: Q; body?: B },
  handler: (req: ApiRequest<z.output<P>, z.output<Q>, z.output<B>>) => Promise<Response>,
) {
  const route = (request: Request, ctx?: { params?: Promise<unknown> }): Promise<Response> =>
    servedRoute(meta.name, request, () => serve(request, ctx));
  const serve = async (request: Request, ctx?: { params?: Promise<unknown> }): Promise<Response> => {
    await dbReady();
    const ip = clientIpFrom(request.headers);
    const denied = (actor: AuditActor, reason: string, detail: Record<string, unknown> = {}) =>
      recordAudit({ actor, action: meta.name, outcome: 'denied', detail: { via: 'api', reason, ...detail }, ip });

    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
    if (!match)
      return apiError(
        401,
        'unauthenticated',
        'Send an API token: "Authorization: Bearer oac_…". Admins create tokens in Settings.',
        {},
        challenge(),
      );
    const token = await findApiTokenBySecret(match[1]!);
    if (!token) {
      const { audit, suppressed } = auditUnknownToken(ip);
      if (audit)
        await denied(
          { type: 'anonymous', label: 'unknown API token' },
          'unknown_token',
          suppressed ? { suppressedBefore: suppressed } : {},
        );
      return apiError(
        401,
        'invalid_token',
        'This API token is not valid. Check that it was copied whole.',
        {},
        challenge('unknown token'),
      );
    }
    const actor: AuditActor = { type: 'token', id: token.id, label: token.name };
    const now = apiRuntime.now();
    const state = tokenState(token, now);
    if (state !== 'active') {
      await denied(actor, state);
      const when = formatUtc(state === 'revoked' ? token.revokedAt! : token.expiresAt!);
      return apiError(
        401,
        'invalid_token',
        `This API token was ${state} (${when}). Ask an admin for a new one.`,
        {},
        challenge(`token ${state}`),
      );
    }
    const slot = await takeRateLimitSlot(token.id, now);
    if (!slot) {
      await denied(actor, 'revoked');
      return apiError(
        401,
        'invalid_token',
        'This API token was revoked. Ask an admin for a new one.',
        {},
        challenge('token revoked'),
      );
    }
    const limits = rateHeaders(slot, now);
    if (!slot.allowed) {
      if (slot.firstRefusal) await denied(actor, 'rate_limited', { limit: slot.limit });
      return apiError(
        429,
        'rate_limited',
        `This token made more than ${slot.limit} requests this minute. Retry after ${limits['Retry-After']} s.`,
        {},
        limits,
      );
    }
    if (meta.access === 'write' && token.access !== 'write') {
      await denied(actor, 'access', { required: 'write' });
      return apiError(
        403,
        'forbidden',
        'This token has read access; this endpoint changes Okta and needs a token with write access.',
        {},
        limits,
      );
    }
    const rawParams = ((await ctx?.params) ?? {}) as Record<string, string>;
    if (rawParams.integrationId !== undefined && !token.integrationIds.includes(rawParams.integrationId)) {
      await denied(actor, 'integration_scope', { integrationId: rawParams.integrationId.slice(0, 40) });
      return apiError(
        403,
        'forbidden',
        `This token is not scoped to integration ${rawParams.integrationId.slice(0, 40)}. GET /api/v1/integrations lists the ones it may use.`,
        {},
        limits,
      );
    }

    const body = meta.body ? await readBody(request) : { ok: true as const, value: {} };
    if (!body.ok && body.tooLarge)
      return apiError(413, 'too_large', `The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MiB.`, {}, limits);
    if (!body.ok)
      return apiError(400, 'invalid_request', 'The request body must be JSON, e.g. {"priority": 1}.', {}, limits);
    const params = ((meta.params ?? none) as P).safeParse(rawParams);
    const query = ((meta.query ?? none) as Q).safeParse(Object.fromEntries(new URL(request.url).searchParams));
    const parsedBody = ((meta.body ?? none) as B).safeParse(body.value);
    if (!params.success || !query.success || !parsedBody.success) {
      const fields = {
        ...(params.success ? {} : fieldsOf(params.error)),
        ...(query.success ? {} : fieldsOf(query.error)),
        ...(parsedBody.success ? {} : fieldsOf(parsedBody.error)),
      };
      return apiError(400, 'invalid_request', `Check ${Object.keys(fields).join(', ')}.`, { fields }, limits);
    }

    let response: Response;
    try {
      response = await handler({
        params: params.data,
        query: query.data,
        body: parsedBody.data,
        token,
        actor,
        ip,
        request,
      });
    } catch (err) {
      response = failure(meta.name, err);
    }
    for (const [k, v] of Object.entries(limits)) response.headers.set(k, v);
    return response;
  };
  return Object.assign(route, {
    meta: { gate: 'api-token', name: meta.name, access: meta.access } satisfies ApiRouteMeta,
  });
}
