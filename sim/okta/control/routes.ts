import type { SigningAlg } from '../auth/keys';
import type { ControlHandler } from '../http/server';
import type { RoleInput, SimControl } from './control';
import { fail } from './directory-control';
import type { CustomRoleInput, ResourceSetInput } from './iam-control';
import type { GroupRuleInput } from './rule-control';
import type { WebAppInput } from './web-app-control';

type Body = Record<string, unknown>;
type Handler = (p: Record<string, string>, body: Body) => unknown;

/** Over HTTP a custom role's resource set may also be spelled as Okta's body does: `resource-set`. */
function roleInput(raw: unknown): RoleInput {
  if (typeof raw !== 'object' || raw === null) return raw as RoleInput;
  const { 'resource-set': set, ...rest } = raw as Body;
  return (set === undefined ? rest : { ...rest, resourceSet: set }) as RoleInput;
}

const idOf = (found: { id: string } | undefined, missing: string) => {
  if (!found) throw fail(missing);
  return { id: found.id };
};

/** `/__sim/*`: JSON in, JSON out. A prefix Okta doesn't have, so no client can mistake it for the API. */
function table(c: SimControl): Array<[string, string, Handler]> {
  return [
    [
      'POST',
      '/__sim/service-apps',
      (_, b) => c.createServiceApp({ ...b, ...(Array.isArray(b.roles) ? { roles: b.roles.map(roleInput) } : {}) }),
    ],
    [
      'POST',
      '/__sim/service-apps/:clientId/keys',
      (p, b) =>
        b.jwk
          ? c.addPublicKey(p.clientId!, b.jwk)
          : c.generateKey(p.clientId!, { alg: b.alg as SigningAlg | undefined }),
    ],
    [
      'PUT',
      '/__sim/service-apps/:clientId/keys/:kid',
      (p, b) => c.setKeyStatus(p.clientId!, p.kid!, b.status as 'ACTIVE' | 'INACTIVE'),
    ],
    ['DELETE', '/__sim/service-apps/:clientId/keys/:kid', (p) => c.deleteKey(p.clientId!, p.kid!)],
    ['POST', '/__sim/service-apps/:clientId/scopes', (p, b) => c.grantScopes(p.clientId!, b.scopes as string[])],
    ['DELETE', '/__sim/service-apps/:clientId/scopes', (p, b) => c.revokeScopes(p.clientId!, b.scopes as string[])],
    ['POST', '/__sim/service-apps/:clientId/roles', (p, b) => c.assignRole(p.clientId!, roleInput(b))],
    ['DELETE', '/__sim/service-apps/:clientId/roles/:roleId', (p) => c.removeRole(p.clientId!, p.roleId!)],
    ['PUT', '/__sim/service-apps/:clientId/dpop', (p, b) => c.setDpopRequired(p.clientId!, b.required === true)],
    ['PUT', '/__sim/apps/:appId/status', (p, b) => c.setAppStatus(p.appId!, b.status as 'ACTIVE' | 'INACTIVE')],
    ['POST', '/__sim/faults', (_, b) => c.faults(b)],
    ['DELETE', '/__sim/faults', () => c.clearFaults()],
    ['GET', '/__sim/faults/held', () => ({ count: c.heldCount() })],
    ['POST', '/__sim/faults/release', () => c.releaseHeld()],
    [
      'PUT',
      '/__sim/rate-limits',
      (_, b) => c.setRateLimits(b.config ?? false, b.concurrencyLimit as number | undefined),
    ],
    ['POST', '/__sim/reset', () => c.reset()],
    ['GET', '/__sim/stats', () => c.stats()],
    ['GET', '/__sim/rate-limit-windows', () => c.rateLimitWindows()],
    [
      'POST',
      '/__sim/users',
      (_, b) => c.createUser(b.profile as Parameters<SimControl['createUser']>[0], b.status as 'ACTIVE' | undefined),
    ],
    ['PATCH', '/__sim/users/:userId', (p, b) => c.updateUser(p.userId!, b)],
    ['POST', '/__sim/groups', (_, b) => c.createGroup(b as Parameters<SimControl['createGroup']>[0])],
    ['DELETE', '/__sim/groups/:groupId', (p) => c.deleteGroup(p.groupId!)],
    ['GET', '/__sim/groups/by-name/:name', (p) => idOf(c.findGroupByName(p.name!), `no group named ${p.name}`)],
    ['GET', '/__sim/users/by-login/:login', (p) => idOf(c.findUserByLogin(p.login!), `no user ${p.login}`)],
    ['POST', '/__sim/group-rules', (_, b) => c.createGroupRule(b as unknown as GroupRuleInput)],
    ['GET', '/__sim/group-rules/:ruleId/excluded-user-ids', (p) => c.getGroupRuleExcludedUserIds(p.ruleId!)],
    ['POST', '/__sim/web-apps', (_, b) => c.createWebApp(b as unknown as WebAppInput)],
    ['PUT', '/__sim/web-apps/:clientId/id-token-fault', (p, b) => c.setIdTokenFault(p.clientId!, b)],
    ['POST', '/__sim/apps', (_, b) => c.createApp(b as Parameters<SimControl['createApp']>[0])],
    ['POST', '/__sim/iam/roles', (_, b) => c.createCustomRole(b as unknown as CustomRoleInput)],
    ['POST', '/__sim/iam/resource-sets', (_, b) => c.createResourceSet(b as unknown as ResourceSetInput)],
    ['PUT', '/__sim/groups/:groupId/admin-role', (p, b) => c.setGroupAdminRole(p.groupId!, b.holds !== false)],
    ['PUT', '/__sim/groups/:groupId/users/:userId', (p) => c.addMember(p.groupId!, p.userId!)],
    ['DELETE', '/__sim/groups/:groupId/users/:userId', (p) => c.removeMember(p.groupId!, p.userId!)],
    ['GET', '/__sim/groups/:groupId/member-ids', (p) => c.getGroupMemberIds(p.groupId!)],
    ['GET', '/__sim/groups/:groupId/users/:userId/rule-ids', (p) => c.getMembershipRuleIds(p.groupId!, p.userId!)],
    ['PUT', '/__sim/apps/:appId/users/:userId', (p, b) => c.assignAppToUser(p.appId!, p.userId!, b)],
    ['PUT', '/__sim/apps/:appId/groups/:groupId', (p, b) => c.assignAppToGroup(p.appId!, p.groupId!, b)],
    ['DELETE', '/__sim/apps/:appId/users/:userId', (p) => c.unassignAppFromUser(p.appId!, p.userId!)],
    ['DELETE', '/__sim/apps/:appId/groups/:groupId', (p) => c.unassignAppFromGroup(p.appId!, p.groupId!)],
    ['GET', '/__sim/apps/:appId/users/:userId', (p) => c.getAppUser(p.appId!, p.userId!)],
  ];
}

export function controlHandler(c: SimControl): ControlHandler {
  const routes = table(c).map(([m, t, h]) => ({ m, parts: t.split('/'), h }));
  return async (method, path, body) => {
    const segs = path.split('/');
    for (const r of routes) {
      if (r.m !== method || r.parts.length !== segs.length) continue;
      const params: Record<string, string> = {};
      if (
        !r.parts.every((p, i) =>
          p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(segs[i]!)), true) : p === segs[i],
        )
      )
        continue;
      const result = await r.h(params, (body ?? {}) as Body);
      return result === undefined ? { status: 204 } : { status: 200, body: result };
    }
    return { status: 404, body: { error: `no control route ${method} ${path}` } };
  };
}
