import type { Directory } from '../core/directory';
import type { ResourceRef } from '../core/types';

// Resource-set resources (notes §2.2, "Supported resources"): REST URLs or ORNs. The simulator's org id in
// ORNs is `sim` (as in the apps' `orn`); the partition may be `okta` or `oktapreview`.

export const ORG_ID = 'sim';

const ORN = /^orn:(okta|oktapreview):(directory|idp):[^:]+:(.+)$/;

function fromOrn(text: string): ResourceRef | null {
  const m = ORN.exec(text);
  if (!m) return null;
  const [, , service, rest] = m as unknown as [string, string, string, string];
  const parts = rest.split(':');
  if (service === 'directory') {
    if (rest === 'users') return { kind: 'users' };
    if (rest === 'groups') return { kind: 'groups' };
    if (parts[0] === 'groups' && parts.length === 2) return { kind: 'group', groupId: parts[1]! };
    if (parts[0] === 'groups' && parts.length === 3 && parts[2] === 'contained_resources')
      return { kind: 'group-users', groupId: parts[1]! };
    return null;
  }
  if (parts[0] !== 'apps') return null;
  if (parts.length === 1) return { kind: 'apps' };
  if (parts.length === 2) return { kind: 'apps-of-type', appName: parts[1]! };
  if (parts.length === 3) return { kind: 'app', appName: parts[1]!, appId: parts[2]! };
  return null;
}

function fromUrl(text: string, dir: Directory): ResourceRef | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const path = url.pathname.replace(/\/$/, '');
  const filter = url.searchParams.get('filter');
  if (path === '/api/v1/apps' && filter !== null) {
    const m = /^name eq "([^"]+)"$/.exec(filter);
    return m ? { kind: 'apps-of-type', appName: m[1]! } : null;
  }
  if (url.search) return null;
  if (path === '/api/v1/users') return { kind: 'users' };
  if (path === '/api/v1/groups') return { kind: 'groups' };
  if (path === '/api/v1/apps') return { kind: 'apps' };
  const group = /^\/api\/v1\/groups\/([^/]+)(\/users)?$/.exec(path);
  if (group) return group[2] ? { kind: 'group-users', groupId: group[1]! } : { kind: 'group', groupId: group[1]! };
  const app = /^\/api\/v1\/apps\/([^/]+)$/.exec(path);
  if (app) return { kind: 'app', appName: dir.apps.get(app[1]!)?.name ?? '', appId: app[1]! };
  return null;
}

/** Parses one resource of a create request; null when it isn't a supported resource or names no object. */
export function parseResource(text: string, dir: Directory): ResourceRef | null {
  const ref = text.startsWith('orn:') ? fromOrn(text) : fromUrl(text, dir);
  if (!ref) return null;
  if ('groupId' in ref && !dir.groups.has(ref.groupId)) return null;
  if (ref.kind === 'app' && dir.apps.get(ref.appId)?.name !== ref.appName) return null;
  return ref;
}

export function resourceOrn(ref: ResourceRef): string {
  const dirOrn = `orn:okta:directory:${ORG_ID}`;
  const idpOrn = `orn:okta:idp:${ORG_ID}`;
  switch (ref.kind) {
    case 'users':
      return `${dirOrn}:users`;
    case 'groups':
      return `${dirOrn}:groups`;
    case 'group':
      return `${dirOrn}:groups:${ref.groupId}`;
    case 'group-users':
      return `${dirOrn}:groups:${ref.groupId}:contained_resources`;
    case 'apps':
      return `${idpOrn}:apps`;
    case 'apps-of-type':
      return `${idpOrn}:apps:${ref.appName}`;
    case 'app':
      return `${idpOrn}:apps:${ref.appName}:${ref.appId}`;
  }
}

export function resourceUrl(origin: string, ref: ResourceRef): string {
  switch (ref.kind) {
    case 'users':
      return `${origin}/api/v1/users`;
    case 'groups':
      return `${origin}/api/v1/groups`;
    case 'group':
      return `${origin}/api/v1/groups/${ref.groupId}`;
    case 'group-users':
      return `${origin}/api/v1/groups/${ref.groupId}/users`;
    case 'apps':
      return `${origin}/api/v1/apps`;
    case 'apps-of-type':
      return `${origin}/api/v1/apps/?filter=name+eq+%22${encodeURIComponent(ref.appName)}%22`;
    case 'app':
      return `${origin}/api/v1/apps/${ref.appId}`;
  }
}

export type ResourceFamily = 'user' | 'group' | 'app';

/**
 * Which objects of a family the resources cover: 'all', a predicate, or 'none'. A resource of another
 * family covers nothing ("permissions that don't apply to the set's resources grant nothing", §2.2).
 */
export function coverage(
  dir: Directory,
  refs: readonly ResourceRef[],
  family: ResourceFamily,
): 'all' | 'none' | ((id: string) => boolean) {
  const mine = refs.filter((r) =>
    family === 'user'
      ? r.kind === 'users' || r.kind === 'group-users'
      : family === 'group'
        ? r.kind === 'groups' || r.kind === 'group'
        : r.kind === 'apps' || r.kind === 'apps-of-type' || r.kind === 'app',
  );
  if (mine.length === 0) return 'none';
  if (mine.some((r) => r.kind === 'users' || r.kind === 'groups' || r.kind === 'apps')) return 'all';
  return (id) =>
    mine.some((r) => {
      if (r.kind === 'group-users') return dir.userGroups.get(id)?.has(r.groupId) === true;
      if (r.kind === 'group') return r.groupId === id;
      if (r.kind === 'apps-of-type') return dir.apps.get(id)?.name === r.appName;
      return r.kind === 'app' && r.appId === id;
    });
}
