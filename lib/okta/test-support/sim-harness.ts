/** Test plumbing for integration tests against sim/okta through its public in-process API only. */
import { startSimulator, type ServiceAppInput, type Simulator, type SimulatorOptions } from '@/sim/okta';
import { DEFAULT_SCOPES, type AuthMode, type OktaClientOptions, type OktaCredentials } from '../types';

export async function startSim(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ seed: 'tiny', ...options });
  // The guard of STYLE §2.9: integration runs only ever talk to loopback.
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(sim.origin)) throw new Error(`refusing non-loopback simulator ${sim.origin}`);
  return sim;
}

/** A service app with a console-generated key; defaults: all six scopes, both admin roles, no DPoP. */
export async function serviceApp(
  sim: Simulator,
  input: ServiceAppInput & { alg?: 'RS256' | 'ES256'; authMode?: AuthMode } = {},
): Promise<OktaCredentials & { appId: string }> {
  const { alg, authMode, ...app } = input;
  const { appId, clientId } = sim.control.createServiceApp({
    scopes: [...DEFAULT_SCOPES],
    roles: ['USER_ADMIN', 'APP_ADMIN'],
    dpopRequired: false,
    ...app,
  });
  const key = await sim.control.generateKey(clientId, alg ? { alg } : {});
  return {
    appId,
    domain: sim.origin,
    clientId,
    keyId: key.kid,
    privateKey: key.privateKeyPem,
    authMode: authMode ?? 'auto',
  };
}

export const simOptions = (sim: Simulator, extra: Partial<OktaClientOptions> = {}): OktaClientOptions => ({
  allowedOrigins: [sim.origin],
  retryBaseMs: 5,
  timeoutMs: 10_000,
  ...extra,
});
