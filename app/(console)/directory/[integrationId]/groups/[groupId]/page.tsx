import { AccessCard } from '@/components/directory/access-card';
import { PickAndApply } from '@/components/directory/member-forms';
import { OktaList, pageHref } from '@/components/directory/okta-list';
import { ReadFailure } from '@/components/directory/read-failure';
import { RemovableList } from '@/components/directory/removable-list';
import { UntilBadge } from '@/components/grants/until-badge';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Mono } from '@/components/ui/mono';
import { StatusBadge } from '@/components/ui/status-badge';
import { membership } from '@/lib/access/kinds';
import { addUserToGroupAction, removeUserFromGroupAction } from '@/lib/actions/access';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { grantLimits } from '@/lib/grants/service';
import { grantKey } from '@/lib/grants/views';
import { isSuperAdmin } from '@/lib/integrations/write-access';
import { groupView, ruleCaution } from '@/lib/queries/directory';
import { grantsOnPage } from '@/lib/queries/grants';
import { oktaRead } from '@/lib/queries/okta-read';
import { historyPageQuery, pagedListQuery } from '@/lib/validations/paging';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { HistoryPanel, HistoryPanelSkeleton } from '../../_components/history-panel';

export const metadata: Metadata = { title: 'Group' };

const COUNT = new Intl.NumberFormat('en-US');

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ integrationId: string; groupId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { integrationId, groupId } = await params;
  const sp = await searchParams;
  const query = pagedListQuery.pick({ page: true }).safeParse(sp);
  const history = historyPageQuery.safeParse(sp);
  const me = await requireUser('viewer');
  const read = await oktaRead(integrationId, () =>
    groupView(integrationId, groupId, query.success ? query.data.page : undefined),
  );
  if (!read.ok) return <ReadFailure {...read.failure} what="this group" />;
  const view = read.value;
  if (!view) notFound();
  const { group, members, apps, memberCount, holdsAdminRole } = view;
  const refusal = membership.refusal(group, { holdsAdminRole, superAdmin: isSuperAdmin(view.integration) });
  const canChange = hasRole(me.role, 'operator') && !refusal;
  const base = `/directory/${integrationId}`;
  const here = `${base}/groups/${group.id}`;
  const grants = await grantsOnPage(integrationId, group.id);
  return (
    <div className="grid gap-4">
      <Card>
        <CardHeader>
          <CardTitle>
            {group.name} <StatusBadge status={group.type} />
          </CardTitle>
          <CardDescription>{group.description ?? 'No description'}</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Members</dt>
            <dd className="font-medium tabular-nums">{memberCount === null ? 'Unknown' : COUNT.format(memberCount)}</dd>
            <dt className="text-muted-foreground">Okta id</dt>
            <dd>
              <Mono value={group.id} label="group id" />
            </dd>
          </dl>
        </CardContent>
        {refusal ? (
          <CardContent>
            <Alert>
              <AlertDescription>{refusal}</AlertDescription>
            </Alert>
          </CardContent>
        ) : null}
      </Card>
      <AccessCard
        title="Members"
        description={
          <>{memberCount === null ? '' : `${COUNT.format(memberCount)} in all · `}50 per page, in Okta&apos;s order.</>
        }
        bulk={
          canChange
            ? { href: `${base}/bulk?kind=group.add_member&target=${group.id}`, label: 'Bulk add or remove…' }
            : undefined
        }
      >
        {canChange ? (
          <PickAndApply
            integrationId={integrationId}
            kind="users"
            label="Add member"
            button="Add member"
            apply="addMember"
            fixedId={group.id}
            grantLimits={grantLimits()}
          />
        ) : null}
        <OktaList
          label="Members"
          query={query}
          list={members}
          hrefFor={pageHref(here)}
          total={memberCount ?? undefined}
        >
          {(members) => (
            <RemovableList
              label="Members"
              empty={members.previous === undefined ? 'No members yet.' : 'No more members.'}
              rows={members.items.map((u) => ({
                key: u.id,
                content: (
                  <span className="flex flex-wrap items-center gap-x-2">
                    <Link href={`${base}/users/${u.id}`} className="font-medium underline-offset-4 hover:underline">
                      {u.login}
                    </Link>
                    <span className="text-xs text-muted-foreground">
                      {[u.firstName, u.lastName].filter(Boolean).join(' ')}
                    </span>
                    {u.status !== 'ACTIVE' ? <StatusBadge status={u.status} /> : null}
                    <UntilBadge grant={grants.get(grantKey('group.add_member', group.id, u.id))} />
                  </span>
                ),
                remove: canChange
                  ? {
                      label: `Remove ${u.login} from ${group.name}`,
                      button: 'Remove',
                      run: removeUserFromGroupAction.bind(null, { integrationId, userId: u.id, groupId: group.id }),
                      undo: addUserToGroupAction.bind(null, { integrationId, userId: u.id, groupId: group.id }),
                      caution: ruleCaution(view.rules, group),
                    }
                  : undefined,
              }))}
            />
          )}
        </OktaList>
      </AccessCard>
      <AccessCard title="Applications assigned to this group">
        <ul className="grid gap-1">
          {apps.items.map((a) => (
            <li key={a.id} className="rounded-md border px-3 py-2 text-sm">
              <Link href={`${base}/apps/${a.id}`} className="font-medium underline-offset-4 hover:underline">
                {a.label}
              </Link>{' '}
              <UntilBadge grant={grants.get(grantKey('app.assign_group', a.id, group.id))} />
            </li>
          ))}
          {apps.items.length === 0 ? <li className="text-sm text-muted-foreground">None.</li> : null}
        </ul>
      </AccessCard>
      <Suspense fallback={<HistoryPanelSkeleton />}>
        <HistoryPanel
          integrationId={integrationId}
          target={{ kind: 'group', id: group.id }}
          token={history.success ? history.data.history : undefined}
          here={here}
          keep={query.success ? { page: query.data.page } : {}}
        />
      </Suspense>
    </div>
  );
}
