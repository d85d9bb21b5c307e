import { iso } from '../core/ids';
import { SortedIds } from '../core/sorted-ids';
import type { AppRecord } from '../core/types';
import type { RequestContext, Route } from '../http/types';
import { loadAssignment } from './load';
import { LIMITS, linkHeaders, pageIds, parseLimit } from './pagination';
import { groupJson } from './serialize';

// Targets of a client's role assignment (listGroupTargetRoleForClient, listAppTargetRoleToClient):
// "If the role isn't scoped to specific group targets, Okta returns an empty array []".

function targets(ctx: RequestContext, kind: 'groups' | 'apps') {
  const { role } = loadAssignment(ctx, 'roles.read');
  const limit = parseLimit(ctx, LIMITS.roleTargets);
  const all = role.type === 'CUSTOM' ? [] : (role.targets?.[kind] ?? []);
  const { ids, next } = pageIds(ctx, SortedIds.from(all), limit);
  return { ids, headers: { link: linkHeaders(ctx, limit, next) } };
}

/** An app instance target (spec ClientRoleTargetResponseInstanceEx) or an OIN app name (…FacebookEx). */
function catalogAppJson(origin: string, apps: AppRecord[], target: string) {
  const instance = apps.find((a) => a.id === target);
  if (instance)
    return {
      name: instance.name,
      status: instance.status,
      id: instance.id,
      _links: { self: { href: `${origin}/api/v1/apps/${instance.id}` } },
    };
  const ofName = apps.filter((a) => a.name === target);
  return {
    name: target,
    displayName: ofName[0]?.label ?? target,
    status: 'ACTIVE',
    lastUpdated: iso(Math.max(0, ...ofName.map((a) => a.lastUpdated))),
    signOnModes: [...new Set(ofName.map((a) => a.signOnMode))],
    _links: {
      logo: [{ name: 'medium', href: `${origin}/assets/img/logos/${target}.png` }],
      self: { href: `${origin}/api/v1/catalog/apps/${target}` },
    },
  };
}

export const clientRoleTargetRoutes: Route[] = [
  {
    method: 'GET',
    template: '/oauth2/v1/clients/:clientId/roles/:roleAssignmentId/targets/groups',
    op: 'listGroupTargetRoleForClient',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const { dir } = ctx.state;
      const { ids, headers } = targets(ctx, 'groups');
      const groups = ids.flatMap((id) => {
        const g = dir.groups.get(id);
        return g ? [groupJson(ctx.origin, g, true)] : [];
      });
      return { status: 200, body: groups, headers };
    },
  },
  {
    method: 'GET',
    template: '/oauth2/v1/clients/:clientId/roles/:roleAssignmentId/targets/catalog/apps',
    op: 'listAppTargetRoleToClient',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const apps = [...ctx.state.dir.apps.values()];
      const { ids, headers } = targets(ctx, 'apps');
      return { status: 200, body: ids.map((t) => catalogAppJson(ctx.origin, apps, t)), headers };
    },
  },
];
