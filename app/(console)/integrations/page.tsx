import { KeyRound, Plus } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/layout/empty-state';
import { IntegrationStatus } from '@/components/integrations/integration-status';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { listIntegrationsForUser } from '@/lib/data/integrations';

export const metadata: Metadata = { title: 'Integrations' };

export default async function IntegrationsPage() {
  const { canSeeCredentials, items } = await listIntegrationsForUser();
  const connect = canSeeCredentials ? (
    <Button asChild>
      <Link href="/integrations/new">
        <Plus aria-hidden="true" />
        Connect an Okta org
      </Link>
    </Button>
  ) : null;
  return (
    <div className="grid gap-6">
      <PageHeader title="Integrations" description="Okta orgs this console is connected to through an API Services app." actions={connect} />
      {items.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title="No Okta org connected yet"
          description={
            canSeeCredentials
              ? 'Connect one: the guided setup walks you through creating the API Services app in Okta and tests the connection.'
              : 'An admin has to connect an Okta org first.'
          }
          action={connect}
        />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Okta domain</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Last test</TableHead>
              <TableHead>Created by</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((i) => (
              <TableRow key={i.id}>
                <TableCell className="font-medium">
                  <Link className="underline-offset-4 hover:underline" href={`/integrations/${i.id}`}>
                    {i.name}
                  </Link>
                </TableCell>
                <TableCell className="font-mono text-xs">{i.oktaDomain}</TableCell>
                <TableCell>
                  <IntegrationStatus status={i.status} failingSince={i.failingSince} />
                </TableCell>
                <TableCell>
                  <RelativeTime date={i.lastTestedAt} fallback="Never" />
                </TableCell>
                <TableCell className="text-muted-foreground">{i.createdByLabel}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
