'use client';

import { Button } from '@/components/ui/button';
import { reverseOf } from '@/lib/access/kinds';
import { cancelBulkJobAction, retryFailedItemsAction, undoBulkJobAction } from '@/lib/actions/jobs';
import type { JobView, JsonOf } from '@/lib/jobs/types';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from './confirm-dialog';
import { describeJob, isDestructive } from './wording';

const fmt = (n: number) => n.toLocaleString('en-US');

/** Retry failed rows, Cancel, Undo: each a confirmed action; the page's polling picks up the new state. */
export function JobActions({ job }: { job: JsonOf<JobView> }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, start] = useTransition();
  const run = (fn: () => ReturnType<typeof retryFailedItemsAction>, done: string, go?: (id: string) => string) =>
    start(async () => {
      const res = await fn();
      if (!res.ok) {
        toast.error(res.error);
        return;
      }
      toast.success(done);
      if (go) router.push(go(res.data.id));
      await queryClient.invalidateQueries({ queryKey: ['bulk-job', job.id] });
      router.refresh();
    });
  const reverse = reverseOf(job.kind);
  const undoWhat = describeJob(reverse, job.counts.succeeded, job.targetLabel);
  return (
    <div className="flex flex-wrap gap-2">
      {job.canRetry ? (
        <Button
          onClick={() =>
            run(() => retryFailedItemsAction({ jobId: job.id }), `Retrying ${fmt(job.counts.failed)} failed rows.`)
          }
          disabled={pending}
        >
          Retry failed rows ({fmt(job.counts.failed)})
        </Button>
      ) : null}
      {job.canCancel ? (
        <ConfirmDialog
          trigger={
            <Button variant="outline" disabled={pending}>
              Cancel job
            </Button>
          }
          title="Cancel this job?"
          description={`The ${fmt(job.counts.pending)} rows not yet started will not run. Rows already done stay done (undo the job afterwards to reverse them).`}
          confirm="Cancel job"
          destructive
          onConfirm={() =>
            run(() => cancelBulkJobAction({ jobId: job.id }), 'Job cancelled: no further rows will start.')
          }
        />
      ) : null}
      {job.canUndo ? (
        <ConfirmDialog
          trigger={
            <Button variant="outline" disabled={pending}>
              Undo job…
            </Button>
          }
          title={`Undo: ${undoWhat.charAt(0).toLowerCase()}${undoWhat.slice(1)}?`}
          description="A new job reverses the rows this job changed in Okta. Rows that were already in that state, failed or were cancelled are left alone."
          confirm="Start undo job"
          destructive={isDestructive(reverse)}
          typeToConfirm={isDestructive(reverse) ? job.targetLabel : undefined}
          onConfirm={() =>
            run(
              () => undoBulkJobAction({ jobId: job.id }),
              'Undo job started.',
              (id) => `/jobs/${id}`,
            )
          }
        />
      ) : null}
    </div>
  );
}
