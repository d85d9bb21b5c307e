import 'server-only';

import { Agent, request } from 'undici';
import { OktaError } from './errors';
import { safePath, type HttpMethod, type HttpResponse } from './headers';

export { header, headerAll, safePath } from './headers';
export type { HeaderMap, HttpMethod, HttpResponse } from './headers';

// One keep-alive pool for the whole process: TLS handshakes to Okta are the slow part of small calls.
const dispatcher = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 64 });

/** One HTTP exchange with a hard timeout; never follows redirects (a redirect could leave the allowed origin). */
export async function sendOnce(
  method: HttpMethod,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<HttpResponse> {
  const signal = AbortSignal.timeout(timeoutMs);
  const path = safePath(url);
  try {
    const res = await request(url, {
      method,
      headers,
      body,
      signal,
      dispatcher,
      maxRedirections: 0,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body: text };
  } catch (error) {
    const timedOut = signal.aborted || (error instanceof Error && /timeout/i.test(error.name + error.message));
    return Promise.reject(
      new OktaError({
        kind: timedOut ? 'timeout' : 'network',
        errorSummary: timedOut ? `No answer within ${timeoutMs} ms` : networkSummary(error),
        method,
        path,
        retryable: true,
        cause: error,
      }),
    );
  }
}

function networkSummary(error: unknown): string {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
    (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The domain does not resolve (DNS lookup failed)';
  if (code === 'ECONNREFUSED') return 'The connection was refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'The connection was reset';
  if (
    (typeof code === 'string' && code.startsWith('ERR_TLS')) ||
    code === 'CERT_HAS_EXPIRED' ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
  ) {
    return 'The TLS certificate could not be verified';
  }
  return typeof code === 'string' ? `Network error (${code})` : 'Network error';
}
