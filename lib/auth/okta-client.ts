import 'server-only';

import { env } from '@/lib/env';
import { custom, Issuer, type BaseClient } from 'openid-client';

// The console's own openid-client for the Okta sign-in app, for what next-auth does not do after sign-in: the
// refresh that re-reads the groups, and the sign-out URL. Discovery is cached per process (globalThis: Next
// bundles a module into several chunks); a failed discovery is not cached.
const g = globalThis as { oktaSignInClient?: { key: string; client: Promise<BaseClient> } };

export function oktaClient(): Promise<BaseClient> {
  const cfg = env.oktaSignIn;
  if (!cfg) return Promise.reject(new Error('sign-in with Okta is not configured'));
  const key = `${cfg.issuer} ${cfg.clientId}`;
  if (g.oktaSignInClient?.key !== key) {
    const client = Issuer.discover(`${cfg.issuer}/.well-known/openid-configuration`).then((issuer) => {
      const c = new issuer.Client({
        client_id: cfg.clientId,
        client_secret: cfg.clientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
      });
      c[custom.clock_tolerance] = 10; // as next-auth's own client
      return c;
    });
    client.catch(() => {
      if (g.oktaSignInClient?.client === client) delete g.oktaSignInClient;
    });
    g.oktaSignInClient = { key, client };
  }
  return g.oktaSignInClient.client;
}
