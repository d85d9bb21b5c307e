import { DirectoryTabs } from '@/components/directory/directory-tabs';
import { PageHeader } from '@/components/layout/page-header';
import { getIntegrationForUser } from '@/lib/queries/integrations';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';

export default async function DirectoryLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ integrationId: string }>;
}) {
  const { integrationId } = await params;
  const found = await getIntegrationForUser(integrationId);
  if (!found) notFound();
  const base = `/directory/${integrationId}`;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <PageHeader
        title={`Directory · ${found.integration.name}`}
        description={found.integration.oktaDomain}
        breadcrumbs={[{ label: 'Directory', href: '/directory' }, { label: found.integration.name }]}
      />
      <DirectoryTabs base={base} />
      {children}
    </div>
  );
}
