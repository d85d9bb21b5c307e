import { ScrollText } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Mono } from '@/components/ui/mono';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { listAuditEvents } from '@/lib/data/audit';

export const metadata: Metadata = { title: 'Audit log' };

const OUTCOME_CLASS = { success: 'text-success', failure: 'text-destructive', denied: 'text-warning' } as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { cursor } = await searchParams;
  const { items, next } = await listAuditEvents({ cursor: typeof cursor === 'string' ? cursor : undefined });
  return (
    <div className="grid gap-6">
      <PageHeader title="Audit log" description="Every sign-in, change and access operation, newest first. Entries cannot be edited or deleted." />
      {items.length === 0 ? (
        <EmptyState icon={ScrollText} title="No events yet" description="Sign-ins and changes appear here as they happen." />
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Actor</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Target</TableHead>
                <TableHead>Outcome</TableHead>
                <TableHead>Okta request</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((e) => (
                <TableRow key={e.id}>
                  <TableCell>
                    <RelativeTime date={e.at} />
                  </TableCell>
                  <TableCell>{e.actorLabel}</TableCell>
                  <TableCell className="font-mono text-xs">{e.action}</TableCell>
                  <TableCell>{e.targetLabel ?? e.targetId ?? '—'}</TableCell>
                  <TableCell className={OUTCOME_CLASS[e.outcome]}>{e.outcome}</TableCell>
                  <TableCell>{e.oktaRequestId ? <Mono value={e.oktaRequestId} label="Okta request id" /> : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className="flex justify-end gap-2">
            {cursor ? (
              <Button asChild variant="outline">
                <Link href="/audit">Newest</Link>
              </Button>
            ) : null}
            {next ? (
              <Button asChild variant="outline">
                <Link href={`/audit?cursor=${next}`}>Older</Link>
              </Button>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}
