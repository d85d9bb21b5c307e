import { appGroup, appUser, membership } from '@/lib/access/kinds';
import { defineRoute } from '@/lib/api/route';
import type { OktaApp, OktaGroup } from '@/lib/okta';
import { searchDirectory } from '@/lib/queries/directory';
import { searchTerm } from '@/lib/validations/search';
import { integrationId } from '@/lib/validations/setup';
import { z } from 'zod';

const RELATIONS = { membership, app_user: appUser, app_group: appGroup };

const query = z.object({
  kind: z.enum(['users', 'groups', 'apps'], 'kind must be users, groups or apps'),
  q: searchTerm,
  /** What the pick is for: a group or app Okta refuses every such change on is marked with the reason. */
  for: z.enum(['membership', 'app_user', 'app_group'], 'for must be membership, app_user or app_group').optional(),
});

/**
 * Picker search: the first 50 users, groups or apps of an integration matching `q`. An unknown or deleted
 * integration is 404 and an Okta failure 502 (defineRoute), each with a message.
 */
export const GET = defineRoute<typeof query, { integrationId: string }>(
  { name: 'directory.search', role: 'viewer', query },
  async ({ query: q, params }) => {
    const id = integrationId.safeParse(params.integrationId);
    if (!id.success) return Response.json({ error: 'Unknown integration.' }, { status: 404 });
    const result = await searchDirectory(id.data, q.kind, q.q);
    const relation = q.for ? RELATIONS[q.for] : undefined;
    const refusal = (resource: OktaGroup | OktaApp, holdsAdminRole?: boolean) =>
      relation && `${relation.resource}s` === q.kind
        ? (relation.refusal(resource, { holdsAdminRole, superAdmin: result.superAdmin }) ?? undefined)
        : undefined;
    const items =
      result.kind === 'users'
        ? result.items.map((u) => ({
            id: u.id,
            label: u.login,
            detail: [u.firstName, u.lastName].filter(Boolean).join(' '),
          }))
        : result.kind === 'groups'
          ? result.items.map((g) => ({
              id: g.id,
              label: g.name,
              detail: g.type,
              unavailable: refusal(g, g.hasAdminPrivilege),
            }))
          : result.items.map((a) => ({ id: a.id, label: a.label, detail: a.status, unavailable: refusal(a) }));
    return Response.json({ items, truncated: result.truncated }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
