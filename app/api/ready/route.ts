import { readiness } from '@/lib/health';

// Readiness for a proxy (lib/health.ts): 200 when this process may take requests, 503 naming the checks that
// failed. No session: it says nothing beyond which check failed.
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const r = await readiness();
  return Response.json(
    r.ready ? { status: 'ready', checks: r.checks } : { status: 'not_ready', failed: r.failed, checks: r.checks },
    { status: r.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
