import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PickAndApply } from '@/components/directory/member-forms';
import { OpButton } from '@/components/directory/op-button';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { membershipRefusal } from '@/lib/access/operations';
import { addUserToGroupAction, removeUserFromGroupAction } from '@/lib/actions/access';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { groupView } from '@/lib/data/directory';

export const metadata: Metadata = { title: 'Group' };

export default async function GroupPage({ params, searchParams }: { params: Promise<{ integrationId: string; groupId: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const { integrationId, groupId } = await params;
  const { cursor } = await searchParams;
  const me = await requireUser('viewer');
  const view = await groupView(integrationId, groupId, typeof cursor === 'string' ? cursor : undefined);
  if (!view) notFound();
  const { group, members, apps } = view;
  const refusal = membershipRefusal(group);
  const canChange = hasRole(me.role, 'operator') && !refusal;
  const base = `/directory/${integrationId}`;
  return (
    <div className="grid gap-4">
      <Card>
        <CardHeader>
          <CardTitle>
            {group.name} <StatusBadge status={group.type} />
          </CardTitle>
          <CardDescription>{group.description ?? 'No description'}</CardDescription>
        </CardHeader>
        {refusal ? (
          <CardContent>
            <Alert>
              <AlertDescription>{refusal}</AlertDescription>
            </Alert>
          </CardContent>
        ) : null}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>50 per page, in Okta&apos;s order.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {canChange ? <PickAndApply integrationId={integrationId} kind="users" label="Add member" button="Add member" apply="addMember" fixedId={group.id} /> : null}
          <ul className="grid gap-1" aria-label="Members">
            {members.items.map((u) => (
              <li key={u.id} className="flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm">
                <Link href={`${base}/users/${u.id}`} className="font-medium underline-offset-4 hover:underline">
                  {u.login}
                </Link>
                {canChange ? (
                  <OpButton variant="outline" size="sm" aria-label={`Remove ${u.login} from ${group.name}`} run={removeUserFromGroupAction.bind(null, { integrationId, userId: u.id, groupId: group.id })}
                    undo={addUserToGroupAction.bind(null, { integrationId, userId: u.id, groupId: group.id })}>
                    Remove
                  </OpButton>
                ) : null}
              </li>
            ))}
            {members.items.length === 0 ? <li className="text-sm text-muted-foreground">No members.</li> : null}
          </ul>
          <div className="flex gap-2">
            {cursor ? (
              <Button asChild variant="outline" size="sm">
                <Link href={`${base}/groups/${group.id}`}>First page</Link>
              </Button>
            ) : null}
            {members.next ? (
              <Button asChild variant="outline" size="sm">
                <Link href={`${base}/groups/${group.id}?cursor=${encodeURIComponent(members.next)}`}>Next page</Link>
              </Button>
            ) : null}
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Applications assigned to this group</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="grid gap-1">
            {apps.items.map((a) => (
              <li key={a.id} className="rounded-md border px-3 py-2 text-sm">
                <Link href={`${base}/apps/${a.id}`} className="font-medium underline-offset-4 hover:underline">
                  {a.label}
                </Link>
              </li>
            ))}
            {apps.items.length === 0 ? <li className="text-sm text-muted-foreground">None.</li> : null}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
