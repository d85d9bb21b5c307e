/** Test plumbing: an integration in the test's database for a fresh service app of an in-process simulator. */
import { DEFAULT_SCOPES } from '@/lib/okta';
import type { ServiceAppInput, Simulator } from '@/sim/okta';
import { createIntegration } from '../store';

/** The six scopes and Group + Application Administrator with DPoP on, unless the test says otherwise; returns the integration id. */
export async function simIntegration(
  sim: Simulator,
  opts: ServiceAppInput & { name?: string; createdBy?: string } = {},
): Promise<string> {
  const { name, createdBy, ...app } = opts;
  const { clientId } = sim.control.createServiceApp({
    dpopRequired: true,
    scopes: [...DEFAULT_SCOPES],
    roles: ['USER_ADMIN', 'APP_ADMIN'],
    ...app,
  });
  const key = await sim.control.generateKey(clientId);
  const integration = await createIntegration({
    name: name ?? `Sim ${Math.random().toString(36).slice(2, 8)}`,
    oktaDomain: sim.origin,
    clientId,
    keyId: key.kid,
    privateKey: key.privateKeyPem,
    keyType: 'RSA 2048-bit',
    keyThumbprint: key.kid,
    authMode: 'auto',
    createdBy: createdBy ?? 'usr_test',
  });
  return integration.id;
}
