import 'server-only';

import { log, withLogContext } from '@/lib/log';
import { countAction, countHttpRequest } from '@/lib/metrics';
import { REQUEST_ID_HEADER } from '@/lib/request-id';
import { beginServing } from '@/lib/shutdown';
import { headers as requestHeaders } from 'next/headers';
import { after } from 'next/server';
import { randomUUID } from 'node:crypto';

// The request log of the console's gates (lib/api/route.ts, lib/api/v1/gate.ts, lib/actions/action.ts): every line
// written while a request is served carries its request id (set by proxy.ts, returned as X-Request-Id), and each
// request ends with one `http_request` (or `action`) line and its count in the metrics. A graceful stop waits for the
// requests being served (lib/shutdown.ts).
const idOf = (headers: Headers | undefined) => headers?.get(REQUEST_ID_HEADER) ?? randomUUID();

/** Serves a route handler's request inside its log context; logs and counts its status. */
export function servedRoute(route: string, request: Request, serve: () => Promise<Response>): Promise<Response> {
  return withLogContext({ requestId: idOf(request.headers) }, async () => {
    const started = Date.now();
    const end = beginServing();
    const res = await serve().finally(() => whenAnswered(end));
    log.info('http_request', { route, method: request.method, status: res.status, ms: Date.now() - started });
    countHttpRequest(route, res.status);
    return res;
  });
}

/** Runs a server action inside its request's log context; logs and counts its result ('ok' or the failure code). */
export async function servedAction<T extends { ok: boolean; code?: string }>(
  action: string,
  run: () => Promise<T>,
): Promise<T> {
  let headers: Headers | undefined;
  try {
    headers = await requestHeaders();
  } catch {
    headers = undefined; // outside a request (tests, scripts)
  }
  return withLogContext({ requestId: idOf(headers) }, async () => {
    const started = Date.now();
    const end = beginServing();
    const result = await run().finally(() => whenAnswered(end));
    const outcome = result.ok ? 'ok' : (result.code ?? 'failed');
    log.info('action', { action, result: outcome, ms: Date.now() - started });
    countAction(action, outcome);
    return result;
  });
}

/** `end` runs once Next has sent the answer (the response closed: a streamed export whole), or at once outside one. */
function whenAnswered(end: () => void): void {
  try {
    after(end);
  } catch {
    end(); // outside a request (tests, scripts): nothing is sent
  }
}
