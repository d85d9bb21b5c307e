import 'server-only';
import type { OktaClientOptions } from '@/lib/okta';
import { env } from '@/lib/env';

/** The options every lib/okta call gets from this server's configuration (the SSRF allowlist). */
export const oktaOptions = (extra: Partial<OktaClientOptions> = {}): OktaClientOptions => ({
  allowedOrigins: env.oktaAllowedOrigins,
  ...extra,
});
