import { createPrivateKey } from 'node:crypto';
import { SIM_PORT } from '../playwright.config';

// The simulator's control plane (/__sim/*), for arranging an Okta org the way each test needs it.
export const SIM_ORIGIN = `http://127.0.0.1:${SIM_PORT}`;
export const ALL_SCOPES = [
  'okta.users.read',
  'okta.users.manage',
  'okta.groups.read',
  'okta.groups.manage',
  'okta.apps.read',
  'okta.apps.manage',
];

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${SIM_ORIGIN}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface ServiceApp {
  appId: string;
  clientId: string;
  kid: string;
  pkcs8: string;
  pkcs1: string;
  jwk: string;
}

/** A service app with a key; by default as the setup guide leaves it (all scopes, both roles, DPoP on). */
export async function serviceApp(
  opts: { dpopRequired?: boolean; scopes?: string[]; roles?: string[] } = {},
): Promise<ServiceApp> {
  const { appId, clientId } = await call<{ appId: string; clientId: string }>('POST', '/__sim/service-apps', {
    label: 'Access Management Integration',
    dpopRequired: opts.dpopRequired ?? true,
    scopes: opts.scopes ?? ALL_SCOPES,
    roles: opts.roles ?? ['USER_ADMIN', 'APP_ADMIN'],
  });
  const key = await call<{ kid: string; privateKeyPem: string; privateJwk: Record<string, unknown> }>(
    'POST',
    `/__sim/service-apps/${clientId}/keys`,
    {},
  );
  const pkcs1 = createPrivateKey(key.privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    appId,
    clientId,
    kid: key.kid,
    pkcs8: key.privateKeyPem,
    pkcs1,
    jwk: JSON.stringify({ ...key.privateJwk, kid: key.kid }),
  };
}

export const addPublicKey = (clientId: string, jwk: unknown) =>
  call<{ kid: string }>('POST', `/__sim/service-apps/${clientId}/keys`, { jwk });
export const deleteKey = (clientId: string, kid: string) =>
  call('DELETE', `/__sim/service-apps/${clientId}/keys/${kid}`);
export const setAppStatus = (appId: string, status: 'ACTIVE' | 'INACTIVE') =>
  call('PUT', `/__sim/apps/${appId}/status`, { status });

export const createUser = (login: string, firstName: string, lastName: string) =>
  call<{ id: string }>('POST', '/__sim/users', { profile: { login, email: login, firstName, lastName } });
export const createGroup = (name: string, type?: 'OKTA_GROUP' | 'APP_GROUP') =>
  call<{ id: string }>('POST', '/__sim/groups', { name, type });
/** Marks a group as holding an admin role (`hasAdminPrivlege`): only a Super Administrator may change its members. */
export const setGroupAdminRole = (groupId: string) =>
  call('PUT', `/__sim/groups/${groupId}/admin-role`, { holds: true });
export const createApp = (label: string) =>
  call<{ id: string }>('POST', '/__sim/apps', { label, signOnMode: 'BOOKMARK' });

export const addMember = (groupId: string, userId: string) => call('PUT', `/__sim/groups/${groupId}/users/${userId}`);
export const memberIds = (groupId: string) => call<string[]>('GET', `/__sim/groups/${groupId}/member-ids`);
export const assignAppToUser = (appId: string, userId: string) =>
  call('PUT', `/__sim/apps/${appId}/users/${userId}`, {});
export type Fault = {
  latencyMs?: number;
  status?: number;
  drop?: boolean;
  rateLimit?: boolean;
  count?: number;
  ratio?: number;
  method?: string;
  pathPrefix?: string;
};
/** Okta misbehaving on purpose: the next matching calls fail or wait (without count/ratio until cleared). */
export const injectFaults = (faults: Fault | Fault[]) => call('POST', '/__sim/faults', faults);
export const clearFaults = () => call('DELETE', '/__sim/faults');
export const createUserWithEmail = (login: string, email: string, firstName: string, lastName: string) =>
  call<{ id: string }>('POST', '/__sim/users', { profile: { login, email, firstName, lastName } });
export const createUserWithProfile = (profile: Record<string, string> & { login: string }) =>
  call<{ id: string }>('POST', '/__sim/users', { profile: { email: profile.login, ...profile } });
/** An ACTIVE group rule (Okta Expression Language, in the simulator's subset). */
export const createGroupRule = (name: string, expression: string, groupIds: string[]) =>
  call<{ id: string }>('POST', '/__sim/group-rules', { name, expression, groupIds, activate: true });
export const ruleExcludedUserIds = (ruleId: string) =>
  call<string[]>('GET', `/__sim/group-rules/${ruleId}/excluded-user-ids`);
export const simStats = () => call<{ tokensIssued: number; rateLimited: number }>('GET', '/__sim/stats');
export const groupIdByName = async (name: string) =>
  (await call<{ id: string }>('GET', `/__sim/groups/by-name/${encodeURIComponent(name)}`)).id;
export const userIdByLogin = async (login: string) =>
  (await call<{ id: string }>('GET', `/__sim/users/by-login/${encodeURIComponent(login)}`)).id;
export const removeMember = (groupId: string, userId: string) =>
  call('DELETE', `/__sim/groups/${groupId}/users/${userId}`);
