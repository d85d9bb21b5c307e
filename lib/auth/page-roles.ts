import type { Role } from './roles';

/** The request header proxy.ts sets to the page's path, so the console layout can check the page's role. */
export const PATH_HEADER = 'x-console-path';

/**
 * The pages a viewer may not open, by path, with the role each needs. The console layout checks this role
 * before anything is sent: a role check in the page itself runs inside its loading.tsx boundary, after the
 * response has started streaming with status 200, so forbidden() there can only swap the content, not the
 * status. Checked in the layout, a page the role may not see answers 403. The pages (and lib/queries) still
 * check the role themselves: this table decides the status, they guard the data.
 */
const PAGE_ROLES: ReadonlyArray<{ path: RegExp; role: Role }> = [
  { path: /^\/integrations\/new(\/|$)/, role: 'admin' }, // the setup wizard (lib/queries/setup)
  { path: /^\/directory\/[^/]+\/(bulk|check)(\/|$)/, role: 'operator' },
];

/** The role a console page needs; 'viewer' (any signed-in user) for pages not in the table. */
export function pageRole(pathname: string): Role {
  const path = `/${pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/')}`;
  return PAGE_ROLES.find((p) => p.path.test(path))?.role ?? 'viewer';
}
