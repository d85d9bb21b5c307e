import { metricsResponse } from '@/lib/metrics-route';

// Prometheus metrics (lib/metrics.ts) for a scraper holding METRICS_TOKEN; without that setting, 404.
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return metricsResponse(request);
}
