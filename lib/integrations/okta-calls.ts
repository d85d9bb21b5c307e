import 'server-only';

import { log } from '@/lib/log';
import { observeOktaCall } from '@/lib/metrics';
import type { OktaCall } from '@/lib/okta';

/**
 * What the console does with each exchange an integration's client has with Okta (lib/okta's onCall): one log line
 * with Okta's request id (a warning for a 429, a 5xx or no answer), and the metrics.
 */
export function oktaCallObserver(integrationId: string): (call: OktaCall) => void {
  const count = observeOktaCall(integrationId);
  return (call) => {
    count(call);
    const trouble = call.status === undefined || call.status === 429 || call.status >= 500;
    (trouble ? log.warn : log.info)('okta_call', {
      integration: integrationId,
      method: call.method,
      path: call.path,
      bucket: call.bucket,
      status: call.status ?? null,
      ms: Math.round(call.durationMs),
      oktaRequestId: call.requestId ?? null,
      rateLimitRemaining: call.rateLimit.remaining ?? null,
    });
  };
}
