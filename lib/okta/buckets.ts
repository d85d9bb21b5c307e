/**
 * Which Okta rate-limit bucket a call counts against, after Okta's published per-minute table
 * (../shared/okta/management-api.md §5): an exact endpoint beats a prefix, and the method can matter.
 *
 * | bucket      | Okta's entry                                                                           |
 * |-------------|----------------------------------------------------------------------------------------|
 * | token       | `/oauth2/v1/token`                                                                     |
 * | oauth2      | other `/oauth2/v1/*` calls (the app's own roles): "most other API actions"             |
 * | apps:id     | `/api/v1/apps/{id}` only (get, update, delete an app by id)                            |
 * | apps        | `/api/v1/apps` and everything under it, `/api/v1/apps/{id}/*` included (assignments)   |
 * | groups:id   | `/api/v1/groups/{id}` only (get, update, delete a group by id)                         |
 * | groups      | `/api/v1/groups` except `/api/v1/groups/{id}`: lists, rules, `/groups/{id}/users/*`    |
 * | users:get   | GET `/api/v1/users/{idOrLogin}`                                                        |
 * | users:write | POST, PUT or DELETE `/api/v1/users/{id}` and writes below it                           |
 * | users       | GET or POST `/api/v1/users`; reads below a user (`/users/{id}/groups`, `/appLinks`)    |
 * | logs        | `/api/v1/logs`: its own, small bucket (20–120 a minute by plan, system-log.md §5)      |
 * | api         | "most other API actions" under `/api/v1` (IAM roles, resource sets, meta)              |
 *
 * Okta does not state where `/groups/{id}/users`, `/users/{id}/groups` and `/users/{id}/appLinks` count
 * (UNCONFIRMED in the notes); they follow the longest entry that covers them, as the notes expect: the groups
 * bucket and the users bucket. Pacing reads each answer's own X-Rate-Limit-* headers, so a wrong guess here
 * costs pace (two local buckets fed by one Okta bucket), not correctness; one place to change.
 */
export function bucketFor(method: string, pathname: string): string {
  const p = pathname.replace(/\/+$/, '');
  if (p.startsWith('/oauth2/')) return p.endsWith('/token') ? 'token' : 'oauth2';
  const [resource, id, ...below] = p.split('/').slice(3); // after '', 'api', 'v1'
  const byId = id !== undefined && below.length === 0;
  switch (resource) {
    case 'apps':
      return byId ? 'apps:id' : 'apps';
    case 'groups':
      return byId && id !== 'rules' ? 'groups:id' : 'groups';
    case 'users':
      if (id === undefined) return 'users';
      if (method !== 'GET') return 'users:write';
      return byId ? 'users:get' : 'users';
    case 'logs':
      return 'logs';
    default:
      return 'api';
  }
}

/** What each bucket covers, in an admin's words (the integration page's rate-limit table). */
export const BUCKET_LABEL: Record<string, string> = {
  token: 'Access tokens (/oauth2/v1/token)',
  oauth2: "The app's own roles (/oauth2/v1/clients)",
  'apps:id': 'An app by id (/api/v1/apps/{id})',
  apps: 'Apps and app assignments (/api/v1/apps/*)',
  'groups:id': 'A group by id (/api/v1/groups/{id})',
  groups: 'Groups, members and rules (/api/v1/groups/*)',
  'users:get': 'A user by id or login (GET /api/v1/users/{id})',
  'users:write': 'User changes (/api/v1/users/{id})',
  users: "Users and a user's groups and apps (/api/v1/users)",
  logs: 'System Log (/api/v1/logs)',
  api: 'Other calls (/api/v1)',
};
