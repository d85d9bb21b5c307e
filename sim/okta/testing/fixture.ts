import type { JWK } from 'jose';
import type { RoleInput } from '../control/control';
import type { Simulator } from '../index';
import { api, dpopKey, getToken, type ApiResult, type DpopKey } from './client';

export const ALL_SCOPES = [
  'okta.users.read',
  'okta.users.manage',
  'okta.groups.read',
  'okta.groups.manage',
  'okta.apps.read',
  'okta.apps.manage',
  'okta.roles.read',
  'okta.roles.manage',
];

export interface Caller {
  clientId: string;
  privateJwk: JWK;
  dpop?: DpopKey;
  token: string;
  call(method: string, path: string, body?: unknown): Promise<ApiResult>;
}

/** A service app with a key, granted scopes and roles, and a token for `scopes` (DPoP-bound by default). */
export async function caller(
  sim: Simulator,
  o: { scopes?: string[]; request?: string[]; roles?: RoleInput[]; dpop?: boolean } = {},
): Promise<Caller> {
  const scopes = o.scopes ?? ALL_SCOPES;
  const dpopRequired = o.dpop ?? true;
  const { clientId } = sim.control.createServiceApp({ scopes, roles: o.roles ?? ['SUPER_ADMIN'], dpopRequired });
  const { privateJwk } = await sim.control.generateKey(clientId);
  const dpop = dpopRequired ? await dpopKey() : undefined;
  const res = await getToken(sim.origin, clientId, privateJwk, (o.request ?? scopes).join(' '), dpop);
  if (res.status !== 200) throw new Error(`token failed: ${JSON.stringify(res.body)}`);
  const token = res.body.access_token as string;
  return {
    clientId,
    privateJwk,
    ...(dpop ? { dpop } : {}),
    token,
    call: (method, path, body) => api(sim.origin, method, path, token, dpop, body),
  };
}

/** All `Link` header lines as [url, rel] pairs (fetch joins repeated headers with ", "). */
export function links(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (headers.get('link') ?? '').matchAll(/<([^>]+)>;\s*rel="([^"]+)"/g)) out[m[2]!] = m[1]!;
  return out;
}
