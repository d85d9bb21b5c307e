import { GrantActions } from '@/components/grants/grant-actions';
import { UntilBadge } from '@/components/grants/until-badge';
import { EmptyState } from '@/components/layout/empty-state';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { KINDS } from '@/lib/access/kinds';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { grantLimits } from '@/lib/grants/service';
import type { GrantView } from '@/lib/grants/views';
import { grantsPage } from '@/lib/queries/grants';
import { formatUtc } from '@/lib/utils';
import { GRANT_LIST_LABELS, grantFilterSchema } from '@/lib/validations/grants';
import { Clock } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Temporary access' };

const ENDED: Record<string, string> = {
  removed: 'Removed',
  unassigned: 'Unassigned',
  not_member: 'Already gone (removed meanwhile)',
  not_assigned: 'Already gone (unassigned meanwhile)',
  kept: 'Nothing removed (existed before the grant)',
  not_found: 'Gone from Okta',
  removed_by_change: 'Removed before its end by a change in this console (see the audit log)',
};

function State({ g }: { g: GrantView }) {
  if (g.state === 'active' || g.state === 'overdue' || g.state === 'ending')
    return (
      <div className="grid gap-1">
        <UntilBadge grant={g} />
        {g.state === 'ending' ? <span className="text-xs">Ending now…</span> : null}
        {g.failureReason ? (
          <span className="text-xs text-muted-foreground">
            {g.state === 'overdue' ? 'Okta refused: ' : 'Retrying: '}
            {g.failureReason}
          </span>
        ) : null}
      </div>
    );
  if (g.state === 'permanent') return <span>Permanent (no end)</span>;
  return (
    <span>
      Ended {g.endedAt ? formatUtc(g.endedAt) : ''}: {ENDED[g.outcome ?? ''] ?? g.outcome}
    </span>
  );
}

export default async function GrantsPage({
  params,
  searchParams,
}: {
  params: Promise<{ integrationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requireUser('viewer');
  const { integrationId } = await params;
  const parsed = grantFilterSchema.safeParse(await searchParams);
  const filter = parsed.success ? parsed.data : grantFilterSchema.parse({});
  const { items, nextCursor } = await grantsPage(integrationId, filter);
  const canOperate = hasRole(me.role, 'operator');
  const limits = grantLimits();
  const here = `/directory/${integrationId}/grants`;
  const next = new URLSearchParams({ list: filter.list });
  if (filter.q) next.set('q', filter.q);
  if (filter.endsBeforeText) next.set('endsBefore', filter.endsBeforeText);
  if (nextCursor) next.set('cursor', nextCursor);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Temporary access</CardTitle>
        <CardDescription>
          Memberships and assignments given until a time. The console takes each back at its end, once; an end Okta
          refuses is shown as overdue with Okta&apos;s reason until you extend it, end it now or make it permanent.
          Every step is in the{' '}
          <Link href={`/audit?integration=${integrationId}&action=grant.*`} className="underline underline-offset-4">
            audit log
          </Link>
          .
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form className="flex flex-wrap items-end gap-2" role="search" aria-label="Filter temporary access">
          <div className="grid gap-1">
            <label htmlFor="grants-list" className="text-sm font-medium">
              Show
            </label>
            <NativeSelect id="grants-list" name="list" defaultValue={filter.list} className="w-52">
              {Object.entries(GRANT_LIST_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-1">
            <label htmlFor="grants-q" className="text-sm font-medium">
              Who or what
            </label>
            <Input id="grants-q" name="q" defaultValue={filter.q} placeholder="User, group or app" className="w-64" />
          </div>
          <div className="grid gap-1">
            <label htmlFor="grants-before" className="text-sm font-medium">
              Ends before (UTC)
            </label>
            <Input
              id="grants-before"
              name="endsBefore"
              type="date"
              defaultValue={filter.endsBeforeText}
              className="w-44"
            />
          </div>
          <Button type="submit" variant="outline">
            Filter
          </Button>
        </form>
        {!parsed.success ? <p className="text-sm text-destructive">{parsed.error.issues[0]?.message}</p> : null}
        {items.length === 0 ? (
          <EmptyState
            icon={Clock}
            headingLevel={3}
            title="No grants here"
            description="Grant access until a time from a user, group or application page: choose when the access ends."
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Access</TableHead>
                <TableHead>Reason</TableHead>
                <TableHead>Granted by</TableHead>
                <TableHead>End</TableHead>
                {canOperate ? <TableHead className="text-right">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((g) => (
                <TableRow key={g.id}>
                  <TableCell className="max-w-72 whitespace-normal">
                    <div className="grid gap-0.5 wrap-anywhere">
                      <span className="font-medium">{g.what}</span>
                      <span className="text-xs text-muted-foreground">{KINDS[g.kind].label}</span>
                    </div>
                  </TableCell>
                  <TableCell className="max-w-56 wrap-anywhere whitespace-normal">{g.reason}</TableCell>
                  <TableCell>
                    <div className="grid gap-0.5">
                      <span>{g.grantedBy.label}</span>
                      <span className="text-xs text-muted-foreground">{formatUtc(g.grantedAt)}</span>
                    </div>
                  </TableCell>
                  <TableCell className="min-w-52 whitespace-normal">
                    <State g={g} />
                    <Link
                      href={`/audit?integration=${integrationId}&target=${encodeURIComponent(g.member.label)}`}
                      className="text-xs underline underline-offset-4"
                    >
                      Audit events
                    </Link>
                  </TableCell>
                  {canOperate ? (
                    <TableCell className="text-right">
                      {g.state === 'active' || g.state === 'overdue' ? (
                        <GrantActions integrationId={integrationId} grantId={g.id} what={g.what} limits={limits} />
                      ) : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {nextCursor ? (
          <Button asChild variant="outline" className="justify-self-start">
            <Link href={`${here}?${next.toString()}`}>Next page</Link>
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
