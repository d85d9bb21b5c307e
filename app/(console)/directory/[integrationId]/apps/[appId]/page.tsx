import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PickAndApply } from '@/components/directory/member-forms';
import { OpButton } from '@/components/directory/op-button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { unassignAppFromGroupAction, unassignAppFromUserAction } from '@/lib/actions/access';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { appView } from '@/lib/data/directory';

export const metadata: Metadata = { title: 'Application' };

export default async function AppPage({ params }: { params: Promise<{ integrationId: string; appId: string }> }) {
  const { integrationId, appId } = await params;
  const me = await requireUser('viewer');
  const view = await appView(integrationId, appId);
  if (!view) notFound();
  const { app, users, groups } = view;
  const canChange = hasRole(me.role, 'operator') && app.status === 'ACTIVE';
  const base = `/directory/${integrationId}`;
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
      <Card>
        <CardHeader>
          <CardTitle>Assigned groups</CardTitle>
          <CardDescription>Members of these groups get the app (scope GROUP). Lower priority numbers win profile conflicts.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {canChange ? <PickAndApply integrationId={integrationId} kind="groups" label="Assign to group" button="Assign" apply="assignGroupToApp" fixedId={app.id} /> : null}
          <ul className="grid gap-1" aria-label="Assigned groups">
            {groups.map((g) => (
              <li key={g.groupId} className="flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm">
                <span>
                  <Link href={`${base}/groups/${g.groupId}`} className="font-medium underline-offset-4 hover:underline">
                    {g.name ?? g.groupId}
                  </Link>
                  <span className="ml-2 text-xs text-muted-foreground">priority {g.priority ?? '—'}</span>
                </span>
                {canChange ? (
                  <OpButton variant="outline" size="sm" aria-label={`Unassign ${app.label} from ${g.name ?? g.groupId}`} run={unassignAppFromGroupAction.bind(null, { integrationId, appId: app.id, groupId: g.groupId })}>
                    Unassign
                  </OpButton>
                ) : null}
              </li>
            ))}
            {groups.length === 0 ? <li className="text-sm text-muted-foreground">No group assignments.</li> : null}
          </ul>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Assigned users</CardTitle>
          <CardDescription>USER: assigned directly. GROUP: through a group (change the group instead).</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {canChange ? <PickAndApply integrationId={integrationId} kind="users" label="Assign to user" button="Assign" apply="assignUserToApp" fixedId={app.id} /> : null}
          <ul className="grid gap-1" aria-label="Assigned users">
            {users.map((u) => (
              <li key={u.userId} className="flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm">
                <span>
                  <Link href={`${base}/users/${u.userId}`} className="font-medium underline-offset-4 hover:underline">
                    {u.login ?? u.userId}
                  </Link>
                  <span className="ml-2 font-mono text-xs text-muted-foreground">{u.scope}</span>
                </span>
                {canChange ? (
                  <OpButton variant="outline" size="sm" aria-label={`Unassign ${app.label} from ${u.login ?? u.userId}`} run={unassignAppFromUserAction.bind(null, { integrationId, appId: app.id, userId: u.userId })}>
                    Unassign
                  </OpButton>
                ) : null}
              </li>
            ))}
            {users.length === 0 ? <li className="text-sm text-muted-foreground">No users.</li> : null}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
