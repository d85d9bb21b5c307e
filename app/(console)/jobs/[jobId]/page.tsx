import { JobProgress } from '@/components/jobs/job-progress';
import { jobTitle } from '@/components/jobs/wording';
import { PageHeader } from '@/components/layout/page-header';
import { Mono } from '@/components/ui/mono';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import type { JobView, JsonOf } from '@/lib/jobs/types';
import { getJob } from '@/lib/queries/jobs';
import { jobId as jobIdSchema } from '@/lib/validations/jobs';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

export const metadata: Metadata = { title: 'Bulk job' };

export default async function JobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const me = await requireUser('viewer');
  const id = jobIdSchema.safeParse((await params).jobId);
  const job = id.success ? await getJob(id.data) : null;
  if (!job) notFound();
  // The client component polls the same JSON the route answers, so it starts from that shape too.
  const initial = JSON.parse(JSON.stringify(job)) as JsonOf<JobView>;
  return (
    <div className="grid grid-cols-1 gap-2">
      <PageHeader
        title={jobTitle(job.kind, job.targetLabel)}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            Bulk job <Mono value={job.id} label="job id" />
          </span>
        }
        breadcrumbs={[{ label: 'Jobs', href: `/jobs?integration=${job.integrationId}` }, { label: job.id }]}
      />
      <JobProgress initial={initial} canOperate={hasRole(me.role, 'operator')} />
    </div>
  );
}
