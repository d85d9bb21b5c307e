import { exportJWK, importPKCS8, type JWK } from 'jose';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateClientKey, thumbprint } from './auth/keys';
import { startSimulator, type Simulator, type SimulatorOptions } from './index';

export const DEMO_SCOPES = [
  'okta.users.read',
  'okta.users.manage',
  'okta.groups.read',
  'okta.groups.manage',
  'okta.apps.read',
  'okta.apps.manage',
  // History panels and Outside changes out of the box (APP_ADMIN may view the System Log).
  'okta.logs.read',
];
export const DEMO_APP_LABEL = 'Access Management Integration';
/** The demo's one group rule: ACTIVE users whose department is Engineering are kept in Engineering. */
const DEMO_RULE = { name: 'Engineering by department', group: 'Engineering' };

export interface DemoOrg extends Simulator {
  clientId: string;
  kid: string;
  keyFile: string;
  privateKeyPem: string;
}

/** Reuses the key in `keyFile` when present so client id and kid stay the same across runs. */
async function loadOrCreateKey(keyFile: string): Promise<{ pem: string; publicJwk: JWK; kid: string }> {
  let pem: string;
  try {
    pem = await readFile(keyFile, 'utf8');
  } catch {
    pem = (await generateClientKey('RS256')).privateKeyPem;
    await mkdir(path.dirname(keyFile), { recursive: true });
    await writeFile(keyFile, pem, { mode: 0o600 });
  }
  await chmod(keyFile, 0o600);
  const privateKey = await importPKCS8(pem, 'RS256', { extractable: true });
  const full = await exportJWK(privateKey);
  const publicJwk: JWK = { kty: 'RSA', n: full.n!, e: full.e! };
  const kid = await thumbprint(publicJwk);
  return { pem, publicJwk: { ...publicJwk, kid, use: 'sig', alg: 'RS256' }, kid };
}

/**
 * Seeds carry a department attribute and an Okta group per department, and every user starts in their
 * department's group, so the rule only takes those memberships over (they become rule-managed) and changes no
 * member list. Seeds without an Engineering OKTA_GROUP get no rule.
 */
function seedDemoRule(sim: Simulator): void {
  const group = sim.control.findGroupByName(DEMO_RULE.group);
  if (group?.type !== 'OKTA_GROUP') return;
  sim.control.createGroupRule({
    name: DEMO_RULE.name,
    expression: `user.department=="${DEMO_RULE.group}"`,
    groupIds: [group.id],
    activate: true,
  });
}

/**
 * The demo org behind `npm run sim`: seed 'demo' plus one API Services app with DPoP required, the six
 * users/groups/apps scopes, okta.logs.read and the USER_ADMIN + APP_ADMIN roles, and one ACTIVE group rule (DEMO_RULE).
 * Survives control-plane resets.
 */
export async function startDemoOrg(options: SimulatorOptions & { keyFile?: string } = {}): Promise<DemoOrg> {
  const keyFile = path.resolve(options.keyFile ?? 'data/sim/demo-private-key.pem');
  const key = await loadOrCreateKey(keyFile);
  const sim = await startSimulator({ seed: 'demo', ...options });
  const register = async () => {
    const { clientId } = sim.control.createServiceApp({
      label: DEMO_APP_LABEL,
      dpopRequired: true,
      scopes: DEMO_SCOPES,
      roles: ['USER_ADMIN', 'APP_ADMIN'],
    });
    await sim.control.addPublicKey(clientId, key.publicJwk);
    return clientId;
  };
  const clientId = await register();
  seedDemoRule(sim);
  sim.control.onReset(register);
  sim.control.onReset(() => seedDemoRule(sim));
  return { ...sim, clientId, kid: key.kid, keyFile, privateKeyPem: key.pem };
}
