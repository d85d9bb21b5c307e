import { createOktaClient, DEFAULT_SCOPES, type OktaClient, type OktaClientOptions } from '@/lib/okta';
import type { SimProcess } from './sim-process';

export type Credentials = { origin: string; clientId: string; kid: string; privateKeyPem: string };

/**
 * One API Services app for both clients. Require DPoP is off: the SDK resends a 429'd call with the
 * same DPoP proof (sim/okta/sdk.test.ts), so with DPoP on its own retry could not work at all.
 */
export async function serviceApp(sim: SimProcess, scopes: readonly string[] = DEFAULT_SCOPES): Promise<Credentials> {
  const { clientId } = await sim.control<{ clientId: string }>('POST', '/service-apps', {
    label: 'Bench',
    dpopRequired: false,
    scopes: [...scopes],
    roles: [{ type: 'SUPER_ADMIN' }],
  });
  const key = await sim.control<{ kid: string; privateKeyPem: string }>('POST', `/service-apps/${clientId}/keys`, {});
  return { origin: sim.origin, clientId, kid: key.kid, privateKeyPem: key.privateKeyPem };
}

/**
 * A fresh lib/okta client: its own token cache and limiter, as a new integration would have. `scopes`: what it
 * asks for (lib/okta's default scopes unless given).
 */
export function ourClient(creds: Credentials, opts: Partial<OktaClientOptions> = {}, scopes?: string[]): OktaClient {
  return createOktaClient(
    {
      domain: creds.origin,
      clientId: creds.clientId,
      keyId: creds.kid,
      privateKey: creds.privateKeyPem,
      authMode: 'auto',
      ...(scopes && { scopes }),
    },
    { allowedOrigins: [creds.origin], ...opts },
  );
}
