/**
 * Which Okta rate-limit bucket a call counts against, after Okta's published per-endpoint table
 * (exact match beats longest prefix; the method can matter). Nested paths whose bucket Okta doesn't state
 * fall to their longest documented prefix. One place to change if Okta's table moves.
 */
export function bucketFor(method: string, pathname: string): string {
  const p = pathname.replace(/\/+$/, '');
  if (p.startsWith('/oauth2/')) return p.endsWith('/token') ? 'token' : 'oauth2';
  const seg = p.split('/').slice(3); // after '', 'api', 'v1'
  const [resource, id, sub] = seg;
  switch (resource) {
    case 'apps':
      return id !== undefined && sub === undefined ? 'apps:id' : 'apps';
    case 'groups':
      return id !== undefined && sub === undefined ? 'groups:id' : 'groups';
    case 'users':
      if (id === undefined) return 'users';
      if (sub !== undefined) return 'users:nested';
      return method === 'GET' ? 'users:get' : 'users:write';
    default:
      return 'api';
  }
}
