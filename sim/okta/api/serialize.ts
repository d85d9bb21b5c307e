import type { Directory } from '../core/directory';
import { iso, isoOrNull } from '../core/ids';
import type { AppGroupRecord, AppRecord, GroupRecord, UserRecord } from '../core/types';

// Response shapes follow the spec's User / Group / Application / AppUser / ApplicationGroupAssignment
// schemas. Collection items carry only `_links.self` (core-okta-api "Links in collections").

const USER_TYPE_ID = 'oty1defaultusertype0';

function userLinks(base: string, u: UserRecord): Record<string, unknown> {
  const post = (path: string) => ({ href: `${base}/lifecycle/${path}`, method: 'POST' });
  const links: Record<string, unknown> = {
    self: { href: base },
    schema: { href: `${base.replace(/\/users\/.*/, '')}/meta/schemas/user/osc1defaultuserschema` },
    type: { href: `${base.replace(/\/users\/.*/, '')}/meta/types/user/${USER_TYPE_ID}` },
  };
  if (u.status === 'STAGED' || u.status === 'PROVISIONED') links.activate = post('activate');
  if (u.status === 'ACTIVE')
    Object.assign(links, {
      suspend: post('suspend'),
      resetPassword: post('reset_password'),
      expirePassword: post('expire_password'),
    });
  if (u.status === 'SUSPENDED') links.unsuspend = post('unsuspend');
  if (u.status === 'LOCKED_OUT') links.unlock = post('unlock');
  if (u.status === 'DEPROVISIONED') links.reactivate = post('reactivate');
  else links.deactivate = post('deactivate');
  return links;
}

export function userJson(origin: string, u: UserRecord, collection: boolean) {
  const base = `${origin}/api/v1/users/${u.id}`;
  return {
    id: u.id,
    status: u.status,
    created: iso(u.created),
    activated: isoOrNull(u.activated),
    statusChanged: isoOrNull(u.statusChanged),
    lastLogin: isoOrNull(u.lastLogin),
    lastUpdated: iso(u.lastUpdated),
    passwordChanged: isoOrNull(u.passwordChanged),
    type: { id: USER_TYPE_ID },
    profile: u.profile,
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
    _links: collection ? { self: { href: base } } : userLinks(base, u),
  };
}

export function groupJson(origin: string, g: GroupRecord, collection: boolean) {
  const base = `${origin}/api/v1/groups/${g.id}`;
  const full = {
    logo: ['medium', 'large'].map((name) => ({
      name,
      href: `${origin}/assets/img/logos/groups/okta-${name}.png`,
      type: 'image/png',
    })),
    users: { href: `${base}/users` },
    apps: { href: `${base}/apps` },
    ...(g.sourceAppId ? { source: { href: `${origin}/api/v1/apps/${g.sourceAppId}` } } : {}),
  };
  return {
    id: g.id,
    created: iso(g.created),
    lastUpdated: iso(g.lastUpdated),
    lastMembershipUpdated: iso(g.lastMembershipUpdated),
    objectClass: ['okta:user_group'],
    type: g.type,
    profile: g.profile,
    _links: collection ? { self: { href: base } } : { self: { href: base }, ...full },
  };
}

export function appJson(origin: string, a: AppRecord, collection: boolean) {
  const base = `${origin}/api/v1/apps/${a.id}`;
  const lifecycle = a.status === 'ACTIVE' ? 'deactivate' : 'activate';
  return {
    id: a.id,
    orn: `orn:okta:idp:sim:apps:${a.name}:${a.id}`,
    name: a.name,
    label: a.label,
    status: a.status,
    lastUpdated: iso(a.lastUpdated),
    created: iso(a.created),
    accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
    visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: a.service === true }, appLinks: {} },
    features: [],
    signOnMode: a.signOnMode,
    licensing: { seatCount: 0 },
    profile: {},
    credentials: { userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' }, signing: {} },
    settings: { app: {}, notifications: { vpn: { network: { connection: 'DISABLED' } } } },
    _links: collection
      ? { self: { href: base } }
      : {
          self: { href: base },
          logo: [{ name: 'medium', href: `${origin}/assets/img/logos/${a.name}.png`, type: 'image/png' }],
          appLinks: [{ name: 'login', href: `${origin}/home/${a.name}/${a.id}/1`, type: 'text/html' }],
          users: { href: `${base}/users` },
          groups: { href: `${base}/groups` },
          [lifecycle]: { href: `${base}/lifecycle/${lifecycle}` },
        },
  };
}

export function appUserJson(origin: string, dir: Directory, appId: string, userId: string, expandUser: boolean) {
  const a = dir.assignments.get(appId)!;
  const direct = a.direct.get(userId);
  const user = dir.users.get(userId)!;
  const viaGroup = direct ? undefined : [...a.groups.values()].find((g) => dir.members.get(g.groupId)?.has(userId));
  const at = direct?.created ?? viaGroup?.lastUpdated ?? user.created;
  return {
    id: userId,
    externalId: null,
    created: iso(at),
    lastUpdated: iso(direct?.lastUpdated ?? at),
    scope: direct ? 'USER' : 'GROUP',
    status: 'ACTIVE',
    statusChanged: iso(at),
    passwordChanged: null,
    lastSync: iso(direct?.lastUpdated ?? at),
    syncState: 'DISABLED',
    credentials: { userName: direct?.userName ?? user.profile.login },
    profile: direct?.profile ?? {},
    _links: {
      app: { href: `${origin}/api/v1/apps/${appId}` },
      user: { href: `${origin}/api/v1/users/${userId}` },
      ...(viaGroup
        ? {
            group: {
              name: dir.groups.get(viaGroup.groupId)?.profile.name,
              href: `${origin}/api/v1/groups/${viaGroup.groupId}`,
            },
          }
        : {}),
    },
    ...(expandUser ? { _embedded: { user: userJson(origin, user, true) } } : {}),
  };
}

export function appGroupJson(origin: string, dir: Directory, appId: string, g: AppGroupRecord, expandGroup: boolean) {
  const group = dir.groups.get(g.groupId);
  return {
    id: g.groupId,
    lastUpdated: iso(g.lastUpdated),
    priority: g.priority,
    profile: g.profile,
    _links: {
      app: { href: `${origin}/api/v1/apps/${appId}` },
      self: { href: `${origin}/api/v1/apps/${appId}/groups/${g.groupId}` },
      group: { href: `${origin}/api/v1/groups/${g.groupId}` },
    },
    ...(expandGroup && group ? { _embedded: { group: groupJson(origin, group, true) } } : {}),
  };
}
