import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/layout/page-header';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Mono } from '@/components/ui/mono';
import { RelativeTime } from '@/components/ui/relative-time';
import { StatusBadge } from '@/components/ui/status-badge';
import { getIntegrationForUser } from '@/lib/data/integrations';

export const metadata: Metadata = { title: 'Integration' };

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const found = await getIntegrationForUser(id);
  if (!found) notFound();
  const i = found.integration;
  return (
    <div className="grid gap-6">
      <PageHeader
        title={i.name}
        description={i.oktaDomain}
        breadcrumbs={[{ label: 'Integrations', href: '/integrations' }, { label: i.name }]}
      />
      <Card>
        <CardHeader>
          <CardTitle>Health</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-muted-foreground">Status</dt>
            <dd>
              <StatusBadge status={i.status} />
            </dd>
            <dt className="text-muted-foreground">Last test</dt>
            <dd>
              <RelativeTime date={i.lastTestedAt} fallback="Never" />
            </dd>
            <dt className="text-muted-foreground">DPoP</dt>
            <dd>{i.dpopInUse ? 'In use' : 'Not in use'}</dd>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Credentials</CardTitle>
        </CardHeader>
        <CardContent>
          {found.kind === 'admin' ? (
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
              <dt className="text-muted-foreground">Client ID</dt>
              <dd>
                <Mono value={found.integration.clientId} label="Client ID" />
              </dd>
              <dt className="text-muted-foreground">Key ID (KID)</dt>
              <dd>{found.integration.keyId ? <Mono value={found.integration.keyId} label="Key ID" /> : 'Not set (one key on the app)'}</dd>
              <dt className="text-muted-foreground">Private key</dt>
              <dd>
                {found.integration.keyType}, stored sealed · thumbprint <Mono value={found.integration.keyThumbprint} label="Key thumbprint" />
              </dd>
            </dl>
          ) : (
            <Alert>
              <AlertTitle>Visible to admins only</AlertTitle>
              <AlertDescription>Your role sees this integration&apos;s status. Its credentials are shown to console admins only.</AlertDescription>
            </Alert>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
