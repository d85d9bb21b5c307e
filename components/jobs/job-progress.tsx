'use client';

import { Alert, AlertDescription } from '@/components/ui/alert';
import { RelativeTime } from '@/components/ui/relative-time';
import { ITEM_STATUSES, type ItemStatus, type JobPace, type JobView, type JsonOf } from '@/lib/jobs/types';
import { cn } from '@/lib/utils';
import Link from 'next/link';
import { useState } from 'react';
import { JobActions } from './job-actions';
import { JobEnds } from './job-ends';
import { JobItemsTable } from './job-items-table';
import { itemStatusLabel, JobStatusBadge } from './job-status';
import { PreviewPanel } from './preview-panel';
import { isLive, useJob } from './use-job';
import { targetHref } from './wording';

const fmt = (n: number) => n.toLocaleString('en-US');

function ProgressBar({ job }: { job: JsonOf<JobView> }) {
  const { counts } = job;
  const done = counts.succeeded + counts.failed + counts.skipped + counts.cancelled;
  const pct = (n: number) => (counts.total === 0 ? 0 : (n / counts.total) * 100);
  return (
    <div className="grid gap-2">
      <div
        role="progressbar"
        aria-label="Rows done"
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={done}
        aria-valuetext={`${fmt(done)} of ${fmt(counts.total)} rows done`}
        className="flex h-3 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="bg-success transition-[width]" style={{ width: `${pct(counts.succeeded)}%` }} />
        <div className="bg-destructive transition-[width]" style={{ width: `${pct(counts.failed)}%` }} />
        <div
          className="bg-muted-foreground/40 transition-[width]"
          style={{ width: `${pct(counts.skipped + counts.cancelled)}%` }}
        />
      </div>
      <p className="text-sm tabular-nums" aria-live="polite">
        {fmt(done)} of {fmt(counts.total)} rows done · {fmt(counts.succeeded)} succeeded · {fmt(counts.failed)} failed ·{' '}
        {fmt(counts.skipped)} skipped
        {counts.cancelled ? ` · ${fmt(counts.cancelled)} cancelled` : ''}
        {counts.retrying ? ` · ${fmt(counts.retrying)} waiting to retry` : ''}
      </p>
    </div>
  );
}

/** Why a job takes the time it takes: Okta's budget for its writes, and how much of it this console spends. */
function Pace({ pace }: { pace: JobPace }) {
  const current = pace.windows.at(-1);
  return (
    <p className="text-sm text-muted-foreground tabular-nums">
      Pace: Okta allows {fmt(pace.limit)} calls a window in “{pace.label}”, shared with the org’s other tools;{' '}
      {fmt(pace.remaining)} left in this window, which ends <RelativeTime date={new Date(pace.resetAt)} />
      {current
        ? ` · this console made ${fmt(current.calls)} of them (${Math.round((current.calls / pace.limit) * 100)}%)`
        : ''}
      .
    </p>
  );
}

/** A bulk job as it runs: polled counts and progress, the actions, and its rows by status. */
export function JobProgress({ initial, canOperate }: { initial: JsonOf<JobView>; canOperate: boolean }) {
  const [status, setStatus] = useState<ItemStatus | undefined>(undefined);
  const [cursors, setCursors] = useState<number[]>([]);
  const cursor = cursors[cursors.length - 1];
  const q = useJob(initial.id, { status, cursor, limit: 50 });
  const job = q.data?.job ?? initial;
  const filter = (s: ItemStatus | undefined) => {
    setStatus(s);
    setCursors([]);
  };
  if (job.status === 'preview') {
    return (
      <section aria-label="Preview" className="grid gap-4">
        <Alert>
          <AlertDescription>Not started yet: this is a preview. Nothing has been sent to Okta.</AlertDescription>
        </Alert>
        <PreviewPanel job={job} canOperate={canOperate} />
      </section>
    );
  }
  return (
    <div className="grid grid-cols-1 gap-6">
      <section aria-label="Progress" className="grid grid-cols-1 gap-4 rounded-lg border p-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <JobStatusBadge status={job.status} failed={job.counts.failed} />
            <span className="text-muted-foreground">
              Started by {job.actorLabel} <RelativeTime date={job.createdAt} />
              {job.finishedAt ? (
                <>
                  {' '}
                  · finished <RelativeTime date={job.finishedAt} />
                </>
              ) : null}
            </span>
            <Link
              href={targetHref(job.integrationId, job.kind, job.targetId)}
              className="font-medium underline underline-offset-4"
            >
              Open {job.targetLabel}
            </Link>
          </div>
          {canOperate ? <JobActions job={job} /> : null}
        </div>
        <ProgressBar job={job} />
        {isLive(job) && q.data?.pace ? <Pace pace={q.data.pace} /> : null}
        <JobEnds job={job} />
        {job.reverseOf ? (
          <p className="text-sm">
            This job undoes{' '}
            <Link href={`/jobs/${job.reverseOf}`} className="font-medium underline underline-offset-4">
              job {job.reverseOf}
            </Link>
            .
          </p>
        ) : null}
        {job.undoneBy ? (
          <p className="text-sm">
            Undone by{' '}
            <Link href={`/jobs/${job.undoneBy}`} className="font-medium underline underline-offset-4">
              job {job.undoneBy}
            </Link>
            .
          </p>
        ) : null}
        {q.isError ? (
          <Alert variant="destructive">
            <AlertDescription>{q.error.message} The figures above may be out of date.</AlertDescription>
          </Alert>
        ) : null}
        {isLive(job) ? (
          <p className="text-xs text-muted-foreground">
            Updates every second while the job runs; you can leave this page, the job keeps going.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="rows-heading" className="grid grid-cols-1 gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="rows-heading" className="text-lg font-semibold">
            Rows
          </h2>
          <div role="group" aria-label="Show rows" className="flex flex-wrap gap-1">
            {[undefined, ...ITEM_STATUSES].map((s) => {
              const n = s ? job.counts[s] : job.counts.total;
              return (
                <button
                  key={s ?? 'all'}
                  type="button"
                  aria-pressed={status === s}
                  onClick={() => filter(s)}
                  className={cn(
                    'rounded-md border px-2.5 py-1 text-sm tabular-nums hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none',
                    status === s && 'border-primary bg-accent font-medium',
                  )}
                >
                  {s ? itemStatusLabel(s) : 'All'} ({fmt(n)})
                </button>
              );
            })}
          </div>
        </div>
        <JobItemsTable
          items={q.data?.items ?? []}
          loading={q.isPending}
          busy={q.isPlaceholderData}
          first={cursors.length > 0 ? () => setCursors([]) : undefined}
          next={q.data?.nextCursor != null ? () => setCursors((c) => [...c, q.data!.nextCursor!]) : undefined}
          empty={status ? `No ${itemStatusLabel(status).toLowerCase()} rows.` : 'This job has no rows.'}
        />
      </section>
      {job.unresolved.length > 0 ? (
        <details className="rounded-md border p-3 text-sm">
          <summary className="cursor-pointer font-medium">
            {fmt(job.unresolved.length)} pasted lines did not become rows (not found, ambiguous, duplicate or invalid)
          </summary>
          <ul className="mt-2 grid gap-1">
            {job.unresolved.slice(0, 200).map((l) => (
              <li key={`${l.line}-${l.reason}`}>
                Line {l.line}: <span className="font-mono text-xs">{l.input}</span> — {l.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
