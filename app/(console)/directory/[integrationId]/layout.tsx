import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { getIntegrationForUser } from '@/lib/data/integrations';

export default async function DirectoryLayout({ children, params }: { children: ReactNode; params: Promise<{ integrationId: string }> }) {
  const { integrationId } = await params;
  const found = await getIntegrationForUser(integrationId);
  if (!found) notFound();
  const base = `/directory/${integrationId}`;
  return (
    <div className="grid gap-4">
      <PageHeader title={`Directory · ${found.integration.name}`} description={found.integration.oktaDomain} breadcrumbs={[{ label: 'Directory', href: '/directory' }, { label: found.integration.name }]} />
      <nav aria-label="Directory sections" className="flex flex-wrap gap-2 text-sm">
        {[
          ['People', `${base}?kind=users`],
          ['Groups', `${base}?kind=groups`],
          ['Applications', `${base}?kind=apps`],
          ['Check access', `${base}/check`],
          ['Bulk change', `${base}/bulk`],
        ].map(([label, href]) => (
          <Link key={label} href={href!} className="rounded-md border px-3 py-1.5 hover:bg-accent">
            {label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
