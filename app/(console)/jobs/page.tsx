import { JobStatusBadge } from '@/components/jobs/job-status';
import { jobTitle } from '@/components/jobs/wording';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { JOB_CURSOR } from '@/lib/jobs/views';
import { listIntegrationsForUser } from '@/lib/queries/integrations';
import { listJobs } from '@/lib/queries/jobs';
import { ListChecks } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Jobs' };

const fmt = (n: number) => n.toLocaleString('en-US');

export default async function JobsPage({
  searchParams,
}: {
  searchParams: Promise<{ integration?: string; cursor?: string }>;
}) {
  const me = await requireUser('viewer');
  const sp = await searchParams;
  const { items } = await listIntegrationsForUser();
  const chosen = items.find((i) => i.id === sp.integration) ?? items[0];
  const canOperate = hasRole(me.role, 'operator');
  const header = (
    <PageHeader
      title="Jobs"
      description="Bulk changes of group memberships and app assignments, with their progress and outcome."
      actions={
        chosen && canOperate ? (
          <Button asChild>
            <Link href={`/directory/${chosen.id}/bulk`}>New bulk change</Link>
          </Button>
        ) : undefined
      }
    />
  );
  if (!chosen) {
    return (
      <div className="grid gap-2">
        {header}
        <EmptyState
          icon={ListChecks}
          title="No Okta org yet"
          description="Bulk jobs run against a connected integration. Connect one first."
          action={
            <Button asChild variant="outline">
              <Link href="/integrations">Go to Integrations</Link>
            </Button>
          }
        />
      </div>
    );
  }
  const cursor = typeof sp.cursor === 'string' && JOB_CURSOR.test(sp.cursor) ? sp.cursor : undefined;
  const { jobs, nextCursor } = await listJobs(chosen.id, { cursor });
  const here = (extra: Record<string, string>) =>
    `/jobs?${new URLSearchParams({ integration: chosen.id, ...extra }).toString()}`;
  return (
    <div className="grid grid-cols-1 gap-4">
      {header}
      <form className="flex flex-wrap items-end gap-2" role="search" aria-label="Jobs of an integration">
        <div className="grid gap-1">
          <label htmlFor="integration" className="text-sm font-medium">
            Integration
          </label>
          <NativeSelect id="integration" name="integration" defaultValue={chosen.id} className="w-72">
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="outline">
          Show
        </Button>
      </form>
      {jobs.length === 0 ? (
        <EmptyState
          icon={ListChecks}
          title={cursor ? 'No older jobs' : 'No bulk jobs yet'}
          description={
            cursor
              ? 'That was the last page.'
              : 'Start one from a group or an app in the Directory, or with New bulk change.'
          }
          action={
            canOperate && !cursor ? (
              <Button asChild variant="outline">
                <Link href={`/directory/${chosen.id}/bulk`}>New bulk change</Link>
              </Button>
            ) : undefined
          }
        />
      ) : (
        <Table aria-label="Bulk jobs">
          <TableHeader>
            <TableRow>
              <TableHead>Job</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Succeeded</TableHead>
              <TableHead className="text-right">Failed</TableHead>
              <TableHead className="text-right">Skipped</TableHead>
              <TableHead className="text-right">Rows</TableHead>
              <TableHead>Started</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {jobs.map((j) => (
              <TableRow key={j.id}>
                <TableCell>
                  <Link href={`/jobs/${j.id}`} className="font-medium underline-offset-4 hover:underline">
                    {jobTitle(j.kind, j.targetLabel)}
                  </Link>
                  {j.reverseOf ? (
                    <span className="block text-xs text-muted-foreground">Undo of an earlier job</span>
                  ) : null}
                  {j.undoneBy ? <span className="block text-xs text-muted-foreground">Undone</span> : null}
                </TableCell>
                <TableCell>
                  <JobStatusBadge status={j.status} failed={j.counts.failed} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{fmt(j.counts.succeeded)}</TableCell>
                <TableCell className="text-right tabular-nums">{fmt(j.counts.failed)}</TableCell>
                <TableCell className="text-right tabular-nums">{fmt(j.counts.skipped)}</TableCell>
                <TableCell className="text-right tabular-nums">{fmt(j.counts.total)}</TableCell>
                <TableCell className="text-sm">
                  <RelativeTime date={j.createdAt} />
                  <span className="block text-xs text-muted-foreground">{j.actorLabel}</span>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <nav aria-label="Job pages" className="flex gap-2">
        {cursor ? (
          <Button asChild variant="outline" size="sm">
            <Link href={here({})}>Newest</Link>
          </Button>
        ) : null}
        {nextCursor ? (
          <Button asChild variant="outline" size="sm">
            <Link href={here({ cursor: nextCursor })}>Older jobs</Link>
          </Button>
        ) : null}
      </nav>
    </div>
  );
}
