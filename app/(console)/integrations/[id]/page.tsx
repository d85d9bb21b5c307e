import { ConnectionReport, type ReportView } from '@/components/integrations/connection-report';
import { IntegrationStatus } from '@/components/integrations/integration-status';
import { RateLimitTable } from '@/components/integrations/rate-limit-table';
import { PageHeader } from '@/components/layout/page-header';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Mono } from '@/components/ui/mono';
import { RelativeTime } from '@/components/ui/relative-time';
import { StatusBadge } from '@/components/ui/status-badge';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { CAPABILITY_LABEL, writeAccessOf } from '@/lib/integrations/write-access';
import { getIntegrationForUser } from '@/lib/queries/integrations';
import { rateLimitsOf } from '@/lib/queries/rate-limits';
import { Building2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Fragment } from 'react';
import {
  DeleteForm,
  GeneratedRotation,
  RateLimitShareForm,
  RenameForm,
  RotateKeyForm,
} from './_components/manage-integration';
import { TestNowButton } from './_components/test-now-button';
import { VerifyWriteAccess } from './_components/verify-write-access';

export const metadata: Metadata = { title: 'Integration' };

const dl =
  'grid grid-cols-1 gap-x-6 gap-y-1 text-sm [overflow-wrap:anywhere] sm:grid-cols-[minmax(0,max-content)_minmax(0,1fr)] sm:gap-y-2';

const UNKNOWN_NOTE = {
  memberships:
    'Not verified. The connection test could not read the app’s admin roles; use Verify write access, or the first change will tell.',
  appAssignments:
    'Not verified. Okta has no request that proves this without changing an assignment; the app’s admin roles (readable with okta.roles.read) or the first assignment will tell.',
};

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser('viewer');
  const found = await getIntegrationForUser(id);
  if (!found) notFound();
  const i = found.integration;
  const admin = found.kind === 'admin' ? found.integration : null;
  const write = writeAccessOf(i);
  const rateLimits = await rateLimitsOf(i.id);
  return (
    <div className="grid gap-6">
      <PageHeader
        title={i.name}
        description={i.oktaDomain}
        breadcrumbs={[{ label: 'Integrations', href: '/integrations' }, { label: i.name }]}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="outline">
              <Link href={`/directory/${i.id}`}>
                <Building2 aria-hidden="true" />
                Open directory
              </Link>
            </Button>
            {hasRole(user.role, 'operator') ? <TestNowButton integrationId={i.id} /> : null}
          </div>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Health</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <dl className={dl}>
            <dt className="text-muted-foreground">Status</dt>
            <dd>
              <IntegrationStatus status={i.status} failingSince={i.failingSince} write={write.state} />
            </dd>
            <dt className="text-muted-foreground">Last test</dt>
            <dd>
              <RelativeTime date={i.lastTestedAt} fallback="Never" />
            </dd>
            <dt className="text-muted-foreground">DPoP</dt>
            <dd>{i.dpopInUse ? 'In use' : 'Not in use'}</dd>
            {admin ? (
              <>
                <dt className="text-muted-foreground">Granted scopes</dt>
                <dd className="font-mono text-xs">
                  {admin.grantedScopes.length ? admin.grantedScopes.join(' ') : '—'}
                </dd>
              </>
            ) : null}
          </dl>
          {admin?.lastTestReport ? <LastReport report={admin.lastTestReport as ReportView} /> : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Write access</CardTitle>
          <CardDescription>
            Whether Okta lets this integration change access. Reads cannot show it: an app with only the Read-Only
            Administrator role reads everything and is refused every change (E0000006).
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <dl className={dl}>
            {(['memberships', 'appAssignments'] as const).map((cap) => (
              <Fragment key={cap}>
                <dt className="text-muted-foreground">{CAPABILITY_LABEL[cap]}</dt>
                <dd className="grid gap-1">
                  <span>
                    <StatusBadge
                      status={
                        write[cap].state === 'yes' ? 'verified' : write[cap].state === 'no' ? 'missing' : 'unverified'
                      }
                    />
                  </span>
                  <span className="text-muted-foreground">{write[cap].note ?? UNKNOWN_NOTE[cap]}</span>
                </dd>
              </Fragment>
            ))}
          </dl>
          {hasRole(user.role, 'operator') ? <VerifyWriteAccess integrationId={i.id} /> : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Rate limits</CardTitle>
          <CardDescription>
            Okta counts calls per bucket per minute, shared by every tool that calls this org. Bulk jobs spend what Okta
            says is left, evenly up to the end of each window
            {i.rateLimitShare < 100
              ? `, keeping ${100 - i.rateLimitShare}% of each limit for other tools.`
              : ', and leave nothing unspent.'}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <RateLimitTable rows={rateLimits} />
          {admin ? <RateLimitShareForm integrationId={i.id} share={i.rateLimitShare} /> : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Credentials</CardTitle>
        </CardHeader>
        <CardContent>
          {admin ? (
            <dl className={dl}>
              <dt className="text-muted-foreground">Client ID</dt>
              <dd>
                <Mono value={admin.clientId} label="Client ID" />
              </dd>
              <dt className="text-muted-foreground">Key ID (KID)</dt>
              <dd>{admin.keyId ? <Mono value={admin.keyId} label="Key ID" /> : 'Not set'}</dd>
              <dt className="text-muted-foreground">Private key</dt>
              <dd>
                {admin.keyType}, sealed on the server · thumbprint{' '}
                <Mono value={admin.keyThumbprint} label="Key thumbprint" />
              </dd>
            </dl>
          ) : (
            <Alert>
              <AlertTitle>Visible to admins only</AlertTitle>
              <AlertDescription>
                Your role sees this integration&apos;s status. Its credentials are shown to console admins only.
              </AlertDescription>
            </Alert>
          )}
        </CardContent>
      </Card>
      {admin ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Rename</CardTitle>
            </CardHeader>
            <CardContent>
              <RenameForm integrationId={i.id} name={i.name} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Rotate key</CardTitle>
              <CardDescription>
                The old key stays in use until the new one passes the full connection test.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <div className="grid gap-6">
                <RotateKeyForm integrationId={i.id} />
                <div className="grid gap-2 border-t pt-4">
                  <h3 className="text-sm font-medium">Or let the console generate the new pair</h3>
                  <GeneratedRotation
                    integrationId={i.id}
                    pending={
                      admin.pendingKeyId && admin.pendingPublicJwk
                        ? { kid: admin.pendingKeyId, jwk: admin.pendingPublicJwk }
                        : null
                    }
                  />
                </div>
              </div>
            </CardContent>
          </Card>
          <Card className="border-destructive/40">
            <CardHeader>
              <CardTitle>Delete integration</CardTitle>
            </CardHeader>
            <CardContent>
              <DeleteForm integrationId={i.id} name={i.name} />
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}

/**
 * A clean report folds into one line (the list is there on demand); anything else is shown whole. Write access
 * left unverified is not a failure of the test: it is said in the line, and the Write access card has the detail.
 */
function LastReport({ report }: { report: ReportView }) {
  const passed = report.checks.filter((c) => c.status === 'pass').length;
  const unverified = report.checks.filter((c) => c.status === 'warn' && c.id.startsWith('write:')).length;
  const skipped = report.checks.length - passed - unverified;
  const clean =
    report.ok &&
    !report.problem &&
    report.checks.every(
      (c) => c.status === 'pass' || c.status === 'skip' || (c.status === 'warn' && c.id.startsWith('write:')),
    );
  if (!clean) return <ConnectionReport report={report} />;
  return (
    <details className="group rounded-md border px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium">
        {unverified ? '' : 'All '}
        {passed} checks passed{skipped ? ` (${skipped} skipped)` : ''}
        {unverified ? '; write access not verified (see Write access below)' : ''}
        <span className="font-normal text-muted-foreground group-open:hidden"> · show the checks</span>
      </summary>
      <div className="mt-3">
        <ConnectionReport report={report} />
      </div>
    </details>
  );
}
