// Liveness for a load balancer or an orchestrator: the process answers. No session, no detail.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
