'use client';

import { FormError } from '@/components/forms/form-error';
import { Button } from '@/components/ui/button';
import { Mono } from '@/components/ui/mono';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { KINDS } from '@/lib/access/kinds';
import { confirmBulkJobAction, discardPreviewAction } from '@/lib/actions/jobs';
import type { ItemStatus, JobView, JsonOf, UnresolvedLine, UnresolvedReason } from '@/lib/jobs/types';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from './confirm-dialog';
import { JobEnds } from './job-ends';
import { useJob } from './use-job';
import { describeJob, isDestructive } from './wording';

type PreviewJob = Pick<
  JobView | JsonOf<JobView>,
  'id' | 'integrationId' | 'kind' | 'targetLabel' | 'counts' | 'unresolved' | 'status' | 'endsAt' | 'grantReason'
>;

const REASONS: { reason: UnresolvedReason; label: string }[] = [
  { reason: 'not_found', label: 'Not found' },
  { reason: 'ambiguous', label: 'Ambiguous' },
  { reason: 'duplicate', label: 'Duplicates' },
  { reason: 'invalid', label: 'Invalid lines' },
];
const SHOWN = 100;
const fmt = (n: number) => n.toLocaleString('en-US');

function RowList({ jobId, status, title, total }: { jobId: string; status: ItemStatus; title: string; total: number }) {
  const { data, isPending, isError } = useJob(jobId, { status, limit: SHOWN, poll: false });
  if (total === 0) return null;
  return (
    <section aria-label={title} className="grid gap-2">
      <h3 className="text-sm font-semibold">
        {title} ({fmt(total)})
      </h3>
      {isError ? <p className="text-sm text-destructive">These rows could not be loaded.</p> : null}
      <ul
        className="grid max-h-64 grid-cols-1 gap-x-4 overflow-auto rounded-md border p-2 text-sm sm:grid-cols-2"
        aria-busy={isPending}
      >
        {(data?.items ?? []).map((r) => (
          <li key={r.seq} className="truncate" title={r.input}>
            {r.userLabel}
            {r.input !== r.userLabel ? (
              <span className="ml-2 text-xs text-muted-foreground">from “{r.input}”</span>
            ) : null}
          </li>
        ))}
      </ul>
      {total > SHOWN ? (
        <p className="text-xs text-muted-foreground">
          The first {SHOWN} of {fmt(total)}.
        </p>
      ) : null}
    </section>
  );
}

function Unresolved({ lines }: { lines: UnresolvedLine[] }) {
  if (lines.length === 0) return null;
  return (
    <section aria-label="Lines that did not match one user" className="grid gap-2">
      <h3 className="text-sm font-semibold">Lines that did not match one user ({fmt(lines.length)})</h3>
      <div className="max-h-72 overflow-auto rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="w-16">Line</TableHead>
              <TableHead>Input</TableHead>
              <TableHead>Why</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {lines.slice(0, 500).map((l) => (
              <TableRow key={`${l.line}-${l.reason}`}>
                <TableCell className="tabular-nums">{l.line}</TableCell>
                <TableCell className="max-w-64 truncate font-mono text-xs">{l.input}</TableCell>
                <TableCell className="text-sm">
                  {l.message}
                  {l.candidates?.length ? (
                    <span className="block text-xs text-muted-foreground">
                      Matches: {l.candidates.map((c) => c.login).join(', ')}
                    </span>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {lines.length > 500 ? (
        <p className="text-xs text-muted-foreground">The first 500 of {fmt(lines.length)}.</p>
      ) : null}
    </section>
  );
}

/** What a previewed bulk job would do, line by line, with Confirm (named, and typed for removals) and Discard. */
export function PreviewPanel({
  job,
  canOperate,
  onDiscarded,
}: {
  job: PreviewJob;
  canOperate: boolean;
  onDiscarded?: () => void;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const byReason = (r: UnresolvedReason) => job.unresolved.filter((l) => l.reason === r).length;
  const change = job.counts.pending;
  const what = describeJob(job.kind, change, job.targetLabel);
  const confirm = () =>
    start(async () => {
      setError(null);
      const res = await confirmBulkJobAction({ jobId: job.id });
      if (!res.ok) return setError(res.error);
      router.push(`/jobs/${res.data.id}`);
    });
  const discard = () =>
    start(async () => {
      const res = await discardPreviewAction({ jobId: job.id });
      if (!res.ok) return setError(res.error);
      toast.success('Preview discarded; nothing was changed.');
      if (onDiscarded) onDiscarded();
      else router.push('/jobs');
    });
  const counts = [
    { label: 'Will change', value: change },
    { label: KINDS[job.kind].skipped.heading, value: job.counts.skipped },
    ...REASONS.map((r) => ({ label: r.label, value: byReason(r.reason) })),
  ];
  return (
    <div className="grid gap-5">
      <section aria-label="Preview counts">
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
          {counts.map((c) => (
            <div key={c.label} className="rounded-md border p-3">
              <dt className="text-xs text-muted-foreground">{c.label}</dt>
              <dd className="text-xl font-semibold tabular-nums">{fmt(c.value)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <JobEnds job={job} />
      <RowList jobId={job.id} status="pending" title="Will change" total={change} />
      <RowList
        jobId={job.id}
        status="skipped"
        title={`${KINDS[job.kind].skipped.heading} (left alone)`}
        total={job.counts.skipped}
      />
      <Unresolved lines={job.unresolved} />
      <FormError message={error} />
      {canOperate && job.status === 'preview' ? (
        <div className="flex flex-wrap items-center gap-2">
          {change === 0 ? (
            <p className="text-sm text-muted-foreground">
              Nothing to change: every user found is already in that state.
            </p>
          ) : isDestructive(job.kind) ? (
            <ConfirmDialog
              trigger={
                <Button variant="destructive" disabled={pending}>
                  {what}…
                </Button>
              }
              title={`${what}?`}
              description={
                <>
                  <span>
                    Okta applies it row by row; you can cancel rows not yet started, and undo the finished job.
                  </span>
                  <span>
                    Job <Mono value={job.id} copy={false} />
                  </span>
                </>
              }
              confirm={what}
              destructive
              typeToConfirm={job.targetLabel}
              onConfirm={confirm}
            />
          ) : (
            <Button onClick={confirm} disabled={pending}>
              {pending ? 'Starting…' : what}
            </Button>
          )}
          <Button variant="outline" onClick={discard} disabled={pending}>
            Discard preview
          </Button>
          {change > 0 ? (
            <p className="basis-full text-xs text-muted-foreground">
              Confirmed more than a minute after the preview, Okta is read again first: users who got there meanwhile
              are left alone.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
