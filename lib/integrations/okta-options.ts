import 'server-only';

import { env } from '@/lib/env';
import type { OktaClientOptions } from '@/lib/okta';

/** The options every lib/okta call gets from this server's configuration (the SSRF allowlist, calls in flight). */
export const oktaOptions = (extra: Partial<OktaClientOptions> = {}): OktaClientOptions => ({
  allowedOrigins: env.oktaAllowedOrigins,
  concurrency: env.OKTA_CONCURRENCY,
  ...extra,
});
