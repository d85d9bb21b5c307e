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

/** The console's sign-in app in the demo org: an OIDC Web app, its groups (one per console role) and people. */
export const DEMO_SIGN_IN = {
  label: 'Okta Access Console',
  clientId: '0oademoConsoleSignIn',
  groups: { admin: 'Console Admins', operator: 'Access Ops', viewer: 'Console Viewers' },
  users: [
    { login: 'casey.admin@example.com', firstName: 'Casey', lastName: 'Admin', group: 'Console Admins' },
    { login: 'olive.operator@example.com', firstName: 'Olive', lastName: 'Operator', group: 'Access Ops' },
    { login: 'vic.viewer@example.com', firstName: 'Vic', lastName: 'Viewer', group: 'Console Viewers' },
    // Assigned to the app directly, in none of the console's groups: Okta lets her in, the console refuses her.
    { login: 'nora.nogroup@example.com', firstName: 'Nora', lastName: 'Nogroup', group: null },
  ],
} as const;

export interface DemoSignInOptions {
  /** The console's URL: its callback and sign-out landing page are registered from it. */
  consoleUrl: string;
  clientSecret: string;
  clientId?: string;
}

export interface DemoOrg extends Simulator {
  clientId: string;
  kid: string;
  keyFile: string;
  privateKeyPem: string;
  signIn?: { clientId: string };
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

/** The sign-in app, assigned to the three role groups and to the no-group user, who are created with it. */
function seedSignInApp(sim: Simulator, opts: DemoSignInOptions): string {
  const base = opts.consoleUrl.replace(/\/+$/, '');
  const { clientId } = sim.control.createWebApp({
    label: DEMO_SIGN_IN.label,
    clientId: opts.clientId ?? DEMO_SIGN_IN.clientId,
    clientSecret: opts.clientSecret,
    redirectUris: [`${base}/api/auth/callback/okta`],
    postLogoutRedirectUris: [`${base}/sign-in`],
    pkceRequired: true,
  });
  const groups = new Map<string, string>();
  for (const name of Object.values(DEMO_SIGN_IN.groups)) {
    const group = sim.control.createGroup({ name, description: `Okta Access Console: ${name}` });
    groups.set(name, group.id);
    sim.control.assignAppToGroup(clientId, group.id);
  }
  for (const u of DEMO_SIGN_IN.users) {
    const user = sim.control.createUser({
      login: u.login,
      email: u.login,
      firstName: u.firstName,
      lastName: u.lastName,
    });
    if (u.group) sim.control.addMember(groups.get(u.group)!, user.id);
    else sim.control.assignAppToUser(clientId, user.id);
  }
  return clientId;
}

/**
 * The demo org behind `npm run sim`: seed 'demo' plus one API Services app with DPoP required, the six
 * users/groups/apps scopes, okta.logs.read and the USER_ADMIN + APP_ADMIN roles, one ACTIVE group rule (DEMO_RULE),
 * and with `signIn` the console's sign-in app (DEMO_SIGN_IN).
 * Survives control-plane resets.
 */
export async function startDemoOrg(
  options: SimulatorOptions & { keyFile?: string; signIn?: DemoSignInOptions } = {},
): Promise<DemoOrg> {
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
  const signIn = options.signIn;
  const signInClientId = signIn ? seedSignInApp(sim, signIn) : undefined;
  sim.control.onReset(register);
  sim.control.onReset(() => seedDemoRule(sim));
  if (signIn) sim.control.onReset(() => seedSignInApp(sim, signIn));
  return {
    ...sim,
    clientId,
    kid: key.kid,
    keyFile,
    privateKeyPem: key.pem,
    ...(signInClientId ? { signIn: { clientId: signInClientId } } : {}),
  };
}
