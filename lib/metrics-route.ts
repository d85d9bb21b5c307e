import 'server-only';

import { env } from '@/lib/env';
import { metricsText } from '@/lib/metrics';
import { createHash, timingSafeEqual } from 'node:crypto';

// GET /api/metrics: never public. Without METRICS_TOKEN the endpoint does not exist (404); with it, a scraper sends
// "Authorization: Bearer <token>" and anything else is 401. The token is compared in constant time (over hashes,
// so its length does not show either).
const digest = (s: string) => createHash('sha256').update(s).digest();
const noStore = { 'Cache-Control': 'no-store' };

export async function metricsResponse(request: Request, token = env.METRICS_TOKEN): Promise<Response> {
  if (!token) return Response.json({ error: 'Not found.' }, { status: 404, headers: noStore });
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  if (!timingSafeEqual(digest(sent), digest(token)))
    return Response.json(
      { error: 'Send the metrics token: "Authorization: Bearer <METRICS_TOKEN>".' },
      { status: 401, headers: { ...noStore, 'WWW-Authenticate': 'Bearer realm="metrics"' } },
    );
  const { text, contentType } = await metricsText();
  return new Response(text, { headers: { ...noStore, 'Content-Type': contentType } });
}
