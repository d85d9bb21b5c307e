/** Test plumbing for bulk jobs: the simulator in-process, an integration in the test's database, a worker. */
import { eq } from 'drizzle-orm';
import { startSimulator, type Simulator, type SimulatorOptions } from '@/sim/okta';
import { db, schema } from '@/db';
import { createIntegration } from '@/lib/integrations/store';
import type { JobActor } from '../store';

export const ACTOR: JobActor = { type: 'user', id: 'usr_tester00000000000000', label: 'tester@example.com' };

export async function startSim(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ seed: 'empty', ...options });
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(sim.origin)) throw new Error(`refusing non-loopback simulator ${sim.origin}`);
  return sim;
}

/** An integration for a fresh service app of the simulator (all six scopes, both admin roles, DPoP on). */
export async function simIntegration(sim: Simulator, name = `Sim ${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
  const { clientId } = sim.control.createServiceApp({
    dpopRequired: true,
    scopes: ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage', 'okta.apps.read', 'okta.apps.manage'],
    roles: ['USER_ADMIN', 'APP_ADMIN'],
  });
  const key = await sim.control.generateKey(clientId);
  const integration = await createIntegration({
    name,
    oktaDomain: sim.origin,
    clientId,
    keyId: key.kid,
    privateKey: key.privateKeyPem,
    keyType: 'RSA 2048-bit',
    keyThumbprint: key.kid,
    authMode: 'auto',
    createdBy: ACTOR.id,
  });
  return integration.id;
}

/** `n` users named `${prefix}<i>@example.com`; returns their ids and logins in order. */
export function makeUsers(sim: Simulator, prefix: string, n: number): { id: string; login: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const login = `${prefix}${i}@example.com`;
    return { id: sim.control.createUser({ login, email: login, firstName: 'Bulk', lastName: `User ${i}` }).id, login };
  });
}

export const itemsOf = (jobId: string) => db.select().from(schema.bulkJobItems).where(eq(schema.bulkJobItems.jobId, jobId)).orderBy(schema.bulkJobItems.seq);
export const jobRow = async (jobId: string) => (await db.select().from(schema.bulkJobs).where(eq(schema.bulkJobs.id, jobId)))[0]!;
