import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { listIntegrationsForUser } from '@/lib/queries/integrations';
import { Building2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Directory' };

export default async function DirectoryPage() {
  const { items } = await listIntegrationsForUser();
  const connected = items.filter((i) => i.status === 'connected');
  return (
    <div className="grid gap-6">
      <PageHeader title="Directory" description="People, groups and applications of a connected Okta org." />
      {connected.length === 0 ? (
        <EmptyState
          icon={Building2}
          title="No connected Okta org"
          description="The directory reads an Okta org through a connected integration. Connect one and pass its connection test first."
          action={
            <Button asChild variant="outline">
              <Link href="/integrations">Go to Integrations</Link>
            </Button>
          }
        />
      ) : (
        <ul className="grid gap-2">
          {connected.map((i) => (
            <li key={i.id} className="rounded-md border p-4">
              <Link href={`/directory/${i.id}`} className="font-medium underline-offset-4 hover:underline">
                {i.name}
              </Link>
              <div className="font-mono text-xs text-muted-foreground">{i.oktaDomain}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
