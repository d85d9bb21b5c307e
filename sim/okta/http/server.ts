import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticateResource } from '../auth/resource';
import { errorBody, HttpError } from '../core/errors';
import { randomId } from '../core/ids';
import { apiContext, runAs } from '../log/context';
import type { SimState } from '../state';
import { CHOICES } from '../unconfirmed';
import { bucketFor } from './rate-limit';
import type { Router } from './router';
import { bump } from './stats';
import type { Reply, RequestContext } from './types';

export type ControlHandler = (method: string, path: string, body: unknown) => Promise<Reply>;

const MAX_BODY = 1_048_576;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply, base: Record<string, string>): void {
  const headers: Record<string, string | string[]> = { ...base, ...reply.headers };
  let payload = '';
  if (reply.html !== undefined) {
    payload = reply.html;
    headers['Content-Type'] = 'text/html; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['Content-Type'] = 'application/json';
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** One listener = one org. The pipeline mirrors what a client sees from Okta's edge: faults, limits, auth. */
export function createSimServer(state: SimState, router: Router, control: ControlHandler): Server {
  return createServer((req, res) => {
    void handle(state, router, control, req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: errorBody('E0000009') }, {});
      console.error('[sim] unexpected error', e);
    });
  });
}

async function handle(
  state: SimState,
  router: Router,
  control: ControlHandler,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const rawUrl = req.url ?? '/';
  const qIndex = rawUrl.indexOf('?');
  const path = qIndex === -1 ? rawUrl : rawUrl.slice(0, qIndex);
  const base: Record<string, string> = { 'X-Okta-Request-Id': randomId('req', 23) };
  const body = await readBody(req);

  if (path.startsWith('/__sim/')) {
    let parsed: unknown = undefined;
    try {
      parsed = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      return send(res, { status: 400, body: { error: 'body is not JSON' } }, base);
    }
    return send(res, await control(method, path, parsed).catch(controlError), base);
  }

  const stats = state.stats;
  stats.inFlight++;
  stats.peakConcurrency = Math.max(stats.peakConcurrency, stats.inFlight);
  try {
    const match = router.match(method, path);
    const template = match && 'route' in match ? match.route.template : (match?.template ?? 'unmatched');
    bump(stats.requests, `${method} ${template}`);

    // The same request (a client's retry) has the same key: `maxPerRequest` counts per key.
    const fault = state.faults.take(method, path, `${method} ${rawUrl} ${body.toString('utf8')}`);
    if (fault) stats.faultsInjected++;
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.hold) await state.faults.hold();
    if (fault?.drop) {
      req.socket.destroy();
      return;
    }

    const now = state.now();
    const rl = state.limiter.hit(bucketFor(method, template), now);
    Object.assign(base, {
      'X-Rate-Limit-Limit': String(rl.limit),
      'X-Rate-Limit-Remaining': String(rl.remaining),
      'X-Rate-Limit-Reset': String(rl.reset),
    });
    if (fault?.rateLimit || (state.limiter.enforce && rl.exceeded)) {
      stats.rateLimited++;
      return send(res, { status: 429, body: errorBody('E0000047') }, { ...base, 'X-Rate-Limit-Remaining': '0' });
    }
    if (state.limiter.enforce && stats.inFlight > state.concurrencyLimit) {
      // Okta's concurrency 429: limit and remaining 0, reset only an estimate.
      stats.rateLimited++;
      const reset = String(Math.ceil(now / 1000) + CHOICES.concurrencyResetSeconds);
      return send(
        res,
        { status: 429, body: errorBody('E0000047') },
        { ...base, 'X-Rate-Limit-Limit': '0', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': reset },
      );
    }
    if (fault?.status) {
      const code = fault.status === 429 ? 'E0000047' : 'E0000009';
      if (fault.status === 429) stats.rateLimited++;
      return send(res, { status: fault.status, body: errorBody(code) }, base);
    }
    // "Any PUT or POST request without a Content-Length header or a body returns a 411 error." [CORE]
    if (
      (method === 'PUT' || method === 'POST') &&
      req.headers['content-length'] === undefined &&
      req.headers['transfer-encoding'] === undefined
    ) {
      return send(res, { status: 411 }, base);
    }
    if (!match) return send(res, { status: 404, body: errorBody('E0000008') }, base);
    if (!('route' in match)) return send(res, { status: 405, body: errorBody('E0000022') }, base);

    const { route, params } = match;
    let decodedPath = path;
    try {
      decodedPath = decodeURIComponent(path);
    } catch {
      /* keep raw */
    }
    const ctx: RequestContext = {
      method,
      path,
      decodedPath,
      origin: `http://${req.headers.host ?? 'localhost'}`,
      query: new URLSearchParams(qIndex === -1 ? '' : rawUrl.slice(qIndex + 1)),
      params,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body,
      state,
      template: route.template,
      ...(route.scope ? { requiredScope: route.scope } : {}),
    };
    let reply: Reply;
    try {
      if (route.scope) ctx.auth = await authenticateResource(ctx);
      const acting = ctx.auth
        ? apiContext({
            clientId: ctx.auth.client.clientId,
            appLabel: state.dir.apps.get(ctx.auth.client.clientId)?.label ?? ctx.auth.client.clientId,
            requestId: base['X-Okta-Request-Id']!,
            uri: rawUrl,
            userAgent: req.headers['user-agent'],
            ip: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? null,
          })
        : undefined;
      reply = await (acting ? runAs(acting, () => route.handler(ctx)) : route.handler(ctx));
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      reply = { status: e.status, body: e.body, headers: e.headers };
    }
    if (method !== 'GET' && reply.status < 300) bump(stats.mutations, route.op);
    send(res, reply, base);
  } finally {
    stats.inFlight--;
  }
}

function controlError(e: unknown): Reply {
  if (e instanceof HttpError) return { status: e.status, body: e.body, headers: e.headers };
  return { status: 400, body: { error: e instanceof Error ? e.message : String(e) } };
}
