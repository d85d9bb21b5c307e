import { RelativeTime } from '@/components/ui/relative-time';
import type { JobView, JsonOf } from '@/lib/jobs/types';
import { formatUtc } from '@/lib/utils';
import { Clock } from 'lucide-react';
import Link from 'next/link';

/** A time-bound job's end: each row that lands is a grant the console takes back then (lib/grants). */
export function JobEnds({ job }: { job: Pick<JobView | JsonOf<JobView>, 'integrationId' | 'endsAt' | 'grantReason'> }) {
  if (!job.endsAt) return null;
  const end = new Date(job.endsAt);
  return (
    <p className="text-sm">
      <Clock aria-hidden="true" className="mr-1 inline size-4 align-[-3px]" />
      <span className="font-medium">Time-bound:</span> each user&apos;s access ends {formatUtc(end)} (
      <RelativeTime date={end} />) and is taken back then, as listed under{' '}
      <Link href={`/directory/${job.integrationId}/grants`} className="underline underline-offset-4">
        Temporary access
      </Link>
      .{job.grantReason ? <span className="text-muted-foreground"> Reason: {job.grantReason}</span> : null}
    </p>
  );
}
