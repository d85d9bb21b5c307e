import { BulkForm } from '@/components/jobs/bulk-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { KINDS } from '@/lib/access/kinds';
import { requireUser } from '@/lib/auth/guard';
import { grantLimits } from '@/lib/grants/service';
import { JOB_KINDS, type JobKind } from '@/lib/jobs/types';
import { bulkTarget } from '@/lib/queries/directory';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Bulk change' };

const ID = /^(00g|0oa)[A-Za-z0-9]{17}$/;

export default async function BulkPage({
  params,
  searchParams,
}: {
  params: Promise<{ integrationId: string }>;
  searchParams: Promise<{ kind?: string; target?: string }>;
}) {
  await requireUser('operator');
  const { integrationId } = await params;
  const sp = await searchParams;
  const kind: JobKind = (JOB_KINDS as readonly string[]).includes(sp.kind ?? '')
    ? (sp.kind as JobKind)
    : 'group.add_member';
  const wanted = typeof sp.target === 'string' && ID.test(sp.target) ? sp.target : null;
  const target = wanted ? await bulkTarget(integrationId, KINDS[kind].relation, wanted) : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Bulk change</CardTitle>
        <CardDescription>
          Add or remove many users at once, for good or until a time. You see what would change before anything is sent
          to Okta; the job then runs row by row, and you can follow it, retry failed rows, cancel or undo it from{' '}
          <Link href="/jobs" className="underline underline-offset-4">
            Jobs
          </Link>
          .
        </CardDescription>
      </CardHeader>
      <CardContent>
        <BulkForm integrationId={integrationId} kind={kind} target={target} grantLimits={grantLimits()} />
      </CardContent>
    </Card>
  );
}
