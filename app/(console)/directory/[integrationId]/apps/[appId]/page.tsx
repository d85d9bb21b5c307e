import { AccessCard } from '@/components/directory/access-card';
import { PickAndApply } from '@/components/directory/member-forms';
import { OktaList, pageHref } from '@/components/directory/okta-list';
import { ReadFailure } from '@/components/directory/read-failure';
import { RemovableList } from '@/components/directory/removable-list';
import { UntilBadge } from '@/components/grants/until-badge';
import { Button } from '@/components/ui/button';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { StatusBadge } from '@/components/ui/status-badge';
import {
  assignAppToGroupAction,
  assignAppToUserAction,
  unassignAppFromGroupAction,
  unassignAppFromUserAction,
} from '@/lib/actions/access';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { grantLimits } from '@/lib/grants/service';
import { grantKey } from '@/lib/grants/views';
import { appView } from '@/lib/queries/directory';
import { grantsOnPage } from '@/lib/queries/grants';
import { oktaRead } from '@/lib/queries/okta-read';
import { historyPageQuery, pagedListQuery } from '@/lib/validations/paging';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { HistoryPanel, HistoryPanelSkeleton } from '../../_components/history-panel';

export const metadata: Metadata = { title: 'Application' };

export default async function AppPage({
  params,
  searchParams,
}: {
  params: Promise<{ integrationId: string; appId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { integrationId, appId } = await params;
  const sp = await searchParams;
  const query = pagedListQuery.safeParse(sp);
  const history = historyPageQuery.safeParse(sp);
  const q = query.success ? query.data.q : '';
  const me = await requireUser('viewer');
  const read = await oktaRead(integrationId, () =>
    appView(integrationId, appId, { q, page: query.success ? query.data.page : undefined }),
  );
  if (!read.ok) return <ReadFailure {...read.failure} what="this application" />;
  const view = read.value;
  if (!view) notFound();
  const { app, users, groups } = view;
  const canChange = hasRole(me.role, 'operator') && app.status === 'ACTIVE';
  const base = `/directory/${integrationId}`;
  const here = `${base}/apps/${app.id}`;
  const grants = await grantsOnPage(integrationId, app.id);
  const limits = grantLimits();
  // A user with scope GROUP holds the app through a group: Okta refuses to unassign it (E0000046), so no button
  // is offered. With one assigned group, that is the group; otherwise the user's page says which.
  const onlyGroup = groups.length === 1 ? groups[0] : undefined;
  return (
    <div className="grid gap-4">
      <Card>
        <CardHeader>
          <CardTitle>
            {app.label} <StatusBadge status={app.status} />
          </CardTitle>
          <CardDescription>
            {app.signOnMode} · {app.name}
          </CardDescription>
        </CardHeader>
      </Card>
      <AccessCard
        title="Assigned groups"
        description="Members of these groups get the app (scope GROUP). Lower priority numbers win profile conflicts."
      >
        {canChange ? (
          <PickAndApply
            integrationId={integrationId}
            kind="groups"
            label="Assign to group"
            button="Assign"
            apply="assignGroupToApp"
            fixedId={app.id}
            grantLimits={limits}
          />
        ) : null}
        <RemovableList
          label="Assigned groups"
          empty="No group assignments."
          rows={groups.map((g) => ({
            key: g.groupId,
            content: (
              <span>
                <Link href={`${base}/groups/${g.groupId}`} className="font-medium underline-offset-4 hover:underline">
                  {g.name ?? g.groupId}
                </Link>
                <span className="ml-2 text-xs text-muted-foreground">priority {g.priority ?? '—'}</span>{' '}
                <UntilBadge grant={grants.get(grantKey('app.assign_group', app.id, g.groupId))} />
              </span>
            ),
            remove: canChange
              ? {
                  label: `Unassign ${app.label} from ${g.name ?? g.groupId}`,
                  button: 'Unassign',
                  run: unassignAppFromGroupAction.bind(null, { integrationId, appId: app.id, groupId: g.groupId }),
                  undo: assignAppToGroupAction.bind(null, {
                    integrationId,
                    appId: app.id,
                    groupId: g.groupId,
                    priority: g.priority,
                  }),
                }
              : undefined,
          }))}
        />
      </AccessCard>
      <AccessCard
        title="Assigned users"
        description="USER: assigned directly. GROUP: through a group membership, which Okta will not unassign here: remove the user from that group, or unassign the app from the group."
        bulk={
          canChange
            ? { href: `${base}/bulk?kind=app.assign_user&target=${app.id}`, label: 'Bulk assign or unassign…' }
            : undefined
        }
      >
        {canChange ? (
          <PickAndApply
            integrationId={integrationId}
            kind="users"
            label="Assign to user"
            button="Assign"
            apply="assignUserToApp"
            fixedId={app.id}
            grantLimits={limits}
          />
        ) : null}
        <form className="flex flex-wrap items-end gap-2" role="search" aria-label="Assigned users search">
          <div className="grid gap-1">
            <label htmlFor="assigned-q" className="text-sm font-medium">
              Filter assigned users
            </label>
            <Input
              id="assigned-q"
              name="q"
              defaultValue={q}
              placeholder="Username, first or last name, email (starts with)"
              className="w-80 max-w-full"
            />
          </div>
          <Button type="submit" variant="outline">
            Filter
          </Button>
          {q ? (
            <Button asChild variant="ghost">
              <Link href={here}>Clear filter</Link>
            </Button>
          ) : null}
        </form>
        {/* The filter box sends only q, so a new filter starts again from the first page. */}
        <OktaList label="Assigned users" query={query} list={users} hrefFor={pageHref(here, { q })} narrow="filter">
          {(users) => (
            <RemovableList
              label="Assigned users"
              empty={
                q
                  ? `No assigned user starts with “${q}”.`
                  : users.previous === undefined
                    ? 'No users.'
                    : 'No more users.'
              }
              rows={users.items.map((u) => {
                const login = u.user?.login ?? u.userName ?? u.userId;
                const name = [u.user?.firstName, u.user?.lastName].filter(Boolean).join(' ');
                return {
                  key: u.userId,
                  content: (
                    <span className="grid gap-0.5">
                      <span className="flex flex-wrap items-center gap-x-2">
                        <Link
                          href={`${base}/users/${u.userId}`}
                          className="font-medium underline-offset-4 hover:underline"
                        >
                          {name || login}
                        </Link>
                        <span className="font-mono text-xs text-muted-foreground">{u.scope}</span>
                        <UntilBadge grant={grants.get(grantKey('app.assign_user', app.id, u.userId))} />
                        {u.scope === 'GROUP' ? (
                          <span className="text-xs text-muted-foreground">
                            via{' '}
                            {onlyGroup ? (
                              <Link
                                href={`${base}/groups/${onlyGroup.groupId}`}
                                className="underline underline-offset-4"
                              >
                                {onlyGroup.name ?? onlyGroup.groupId}
                              </Link>
                            ) : (
                              <Link href={`${base}/users/${u.userId}`} className="underline underline-offset-4">
                                a group (see which)
                              </Link>
                            )}
                          </span>
                        ) : null}
                      </span>
                      <span className="text-xs text-muted-foreground">
                        {name ? login : null}
                        {u.userName && u.userName !== login ? ` · app username ${u.userName}` : null}
                      </span>
                    </span>
                  ),
                  remove:
                    canChange && u.scope === 'USER'
                      ? {
                          label: `Unassign ${app.label} from ${login}`,
                          button: 'Unassign',
                          run: unassignAppFromUserAction.bind(null, {
                            integrationId,
                            appId: app.id,
                            userId: u.userId,
                          }),
                          undo: assignAppToUserAction.bind(null, { integrationId, appId: app.id, userId: u.userId }),
                        }
                      : undefined,
                };
              })}
            />
          )}
        </OktaList>
      </AccessCard>
      <Suspense fallback={<HistoryPanelSkeleton />}>
        <HistoryPanel
          integrationId={integrationId}
          target={{ kind: 'app', id: app.id }}
          token={history.success ? history.data.history : undefined}
          here={here}
          keep={query.success ? { q: query.data.q, page: query.data.page } : {}}
        />
      </Suspense>
    </div>
  );
}
