import { AccessCard } from '@/components/directory/access-card';
import { AppGrant } from '@/components/directory/app-grant';
import { PickAndApply } from '@/components/directory/member-forms';
import { ReadFailure } from '@/components/directory/read-failure';
import { RemovableList } from '@/components/directory/removable-list';
import { UntilBadge } from '@/components/grants/until-badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Mono } from '@/components/ui/mono';
import { StatusBadge } from '@/components/ui/status-badge';
import { addUserToGroupAction, removeUserFromGroupAction } from '@/lib/actions/access';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { grantLimits } from '@/lib/grants/service';
import { grantKey } from '@/lib/grants/views';
import { ruleCaution, userView } from '@/lib/queries/directory';
import { grantsOnPage } from '@/lib/queries/grants';
import { oktaRead } from '@/lib/queries/okta-read';
import { historyPageQuery } from '@/lib/validations/paging';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { HistoryPanel, HistoryPanelSkeleton } from '../../_components/history-panel';

export const metadata: Metadata = { title: 'User' };

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ integrationId: string; userId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { integrationId, userId } = await params;
  const history = historyPageQuery.safeParse(await searchParams);
  const me = await requireUser('viewer');
  const canOperate = hasRole(me.role, 'operator');
  const read = await oktaRead(integrationId, () => userView(integrationId, userId));
  if (!read.ok) return <ReadFailure {...read.failure} what="this user" />;
  const view = read.value;
  if (!view) notFound();
  const { user, groups, apps, appsTruncated } = view;
  const base = `/directory/${integrationId}`;
  const grants = await grantsOnPage(integrationId, user.id);
  const limits = grantLimits();
  return (
    <div className="grid gap-4">
      <Card>
        <CardHeader>
          <CardTitle>
            {user.login} <StatusBadge status={user.status} />
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Name</dt>
            <dd>{[user.firstName, user.lastName].filter(Boolean).join(' ') || '—'}</dd>
            <dt className="text-muted-foreground">Email</dt>
            <dd>{user.email ?? '—'}</dd>
            <dt className="text-muted-foreground">Okta id</dt>
            <dd>
              <Mono value={user.id} label="User id" />
            </dd>
          </dl>
        </CardContent>
      </Card>
      <AccessCard title={`Groups (${groups.length})`}>
        <RemovableList
          label="Groups"
          empty="In no group (Okta normally puts every user in Everyone)."
          rows={groups.map((g) => ({
            key: g.id,
            content: (
              <span className="flex items-center gap-2">
                <Link href={`${base}/groups/${g.id}`} className="font-medium underline-offset-4 hover:underline">
                  {g.name}
                </Link>
                <StatusBadge status={g.type} />
                <UntilBadge grant={grants.get(grantKey('group.add_member', g.id, user.id))} />
              </span>
            ),
            remove:
              canOperate && g.type === 'OKTA_GROUP'
                ? {
                    label: `Remove ${user.login} from ${g.name}`,
                    button: 'Remove',
                    run: removeUserFromGroupAction.bind(null, { integrationId, userId: user.id, groupId: g.id }),
                    undo: addUserToGroupAction.bind(null, { integrationId, userId: user.id, groupId: g.id }),
                    caution: ruleCaution(view.rules, g),
                  }
                : undefined,
          }))}
        />
        {canOperate ? (
          <PickAndApply
            integrationId={integrationId}
            kind="groups"
            label="Add to group"
            button="Add to group"
            apply="addToGroup"
            fixedId={user.id}
            grantLimits={limits}
            exclude={{ ids: groups.map((g) => g.id), reason: 'Already a member' }}
          />
        ) : null}
      </AccessCard>
      <AccessCard title={`Applications (${apps.length})`}>
        <ul className="grid gap-1" aria-label="Applications">
          {apps.map((a) => (
            <li
              key={a.appId}
              className="flex min-h-11 flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-1.5 text-sm"
            >
              <span className="flex items-center gap-2">
                <Link href={`${base}/apps/${a.appId}`} className="font-medium underline-offset-4 hover:underline">
                  {a.label}
                </Link>
                {a.status !== 'ACTIVE' ? <StatusBadge status={a.status} /> : null}
                <UntilBadge grant={grants.get(grantKey('app.assign_user', a.appId, user.id))} />
              </span>
              <AppGrant grant={a} base={base} />
            </li>
          ))}
          {apps.length === 0 ? (
            <li className="flex min-h-11 items-center px-3 text-sm text-muted-foreground">
              No applications assigned, directly or through a group.
            </li>
          ) : null}
        </ul>
        <p className="text-xs text-muted-foreground">
          <strong className="font-medium">Direct</strong>: assigned to the user (Okta scope USER).{' '}
          <strong className="font-medium">Via group</strong>: the user&apos;s groups that have the app (scope GROUP);
          change the group to change the access.
          {appsTruncated ? ' Showing the first 200 applications.' : ''}
        </p>
        {canOperate ? (
          <PickAndApply
            integrationId={integrationId}
            kind="apps"
            label="Assign application"
            button="Assign"
            apply="assignAppToUser"
            fixedId={user.id}
            grantLimits={limits}
            exclude={{ ids: apps.filter((a) => a.direct).map((a) => a.appId), reason: 'Already assigned directly' }}
            caution={Object.fromEntries(
              apps
                .filter((a) => !a.direct)
                .map((a) => [
                  a.appId,
                  `${user.login} already has ${a.label} via ${a.viaGroups.map((g) => g.name).join(', ') || 'a group'}. A direct assignment is separate: it stays when the group's access ends, and it can only be removed directly.`,
                ]),
            )}
          />
        ) : null}
      </AccessCard>
      <Suspense fallback={<HistoryPanelSkeleton />}>
        <HistoryPanel
          integrationId={integrationId}
          target={{ kind: 'user', id: user.id }}
          token={history.success ? history.data.history : undefined}
          here={`${base}/users/${user.id}`}
        />
      </Suspense>
    </div>
  );
}
