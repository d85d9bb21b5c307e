import { IntegrationStatus } from '@/components/integrations/integration-status';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { writeAccessOf } from '@/lib/integrations/write-access';
import { INTEGRATIONS_PAGE_SIZE, listIntegrationsForUser } from '@/lib/queries/integrations';
import { integrationListQuerySchema } from '@/lib/validations/integrations';
import { KeyRound, Plus, Search } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Integrations' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // A malformed query string shows the first page rather than an error: these are links, not a form to correct.
  const parsed = integrationListQuerySchema.safeParse(await searchParams);
  const { q, after } = parsed.success ? parsed.data : {};
  const { canSeeCredentials, items, next } = await listIntegrationsForUser({ q, after, limit: INTEGRATIONS_PAGE_SIZE });
  const link = (cursor?: string) => {
    const query = new URLSearchParams({ ...(q ? { q } : {}), ...(cursor ? { after: cursor } : {}) }).toString();
    return query ? `/integrations?${query}` : '/integrations';
  };
  const searching = Boolean(q) || after !== undefined;
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
      <PageHeader
        title="Integrations"
        description="Okta orgs this console is connected to through an API Services app."
        actions={connect}
      />
      {searching || next ? (
        <form role="search" aria-label="Integrations" className="flex flex-wrap items-end gap-2">
          <div className="grid gap-1">
            <label htmlFor="integrations-q" className="text-sm font-medium">
              Name or Okta domain
            </label>
            <Input id="integrations-q" name="q" type="search" defaultValue={q ?? ''} maxLength={100} className="w-72" />
          </div>
          <Button type="submit" variant="outline">
            <Search aria-hidden="true" />
            Search
          </Button>
        </form>
      ) : null}
      {items.length === 0 && searching ? (
        <EmptyState
          icon={Search}
          title="No integration matches"
          description={q ? `Nothing named or hosted like "${q}".` : 'That was the last page.'}
          action={
            <Button asChild variant="outline">
              <Link href="/integrations">All integrations</Link>
            </Button>
          }
        />
      ) : items.length === 0 ? (
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
                  <IntegrationStatus status={i.status} failingSince={i.failingSince} write={writeAccessOf(i).state} />
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
      {after !== undefined || next ? (
        <nav aria-label="Integration pages" className="flex items-center justify-between gap-2">
          <p className="text-sm text-muted-foreground">Up to {INTEGRATIONS_PAGE_SIZE} a page, by name.</p>
          <div className="flex gap-2">
            {after !== undefined ? (
              <Button asChild variant="outline">
                <Link href={link()}>First page</Link>
              </Button>
            ) : null}
            {next ? (
              <Button asChild variant="outline">
                <Link href={link(next)}>Next page</Link>
              </Button>
            ) : null}
          </div>
        </nav>
      ) : null}
    </div>
  );
}
