import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { HistoryResult, HistoryRow } from '@/lib/queries/history';
import Link from 'next/link';
import type { PageHref } from './okta-list';
import { PagedRegion } from './paged-region';
import { ReadFailure } from './read-failure';

/** "ada@example.com added to Engineering", "Salesforce assigned to ada@example.com": both ends, Okta's words. */
function describe(row: HistoryRow, base: string) {
  const user = row.user ? (
    <Link href={`${base}/users/${row.user.id}`} className="font-medium underline-offset-4 hover:underline">
      {row.user.login ?? row.user.id}
    </Link>
  ) : null;
  const group = row.group ? (
    <Link href={`${base}/groups/${row.group.id}`} className="font-medium underline-offset-4 hover:underline">
      {row.group.name ?? row.group.id}
    </Link>
  ) : null;
  const app = row.app ? (
    <Link href={`${base}/apps/${row.app.id}`} className="font-medium underline-offset-4 hover:underline">
      {row.app.label ?? row.app.id}
    </Link>
  ) : null;
  if (row.eventType.startsWith('group.user_membership'))
    return (
      <>
        {user} {row.what === 'added' ? 'added to' : 'removed from'} {group}
      </>
    );
  return (
    <>
      {app} {row.what} {row.what === 'assigned' ? 'to' : 'from'} {row.group && !row.user ? <>group {group}</> : user}
    </>
  );
}

const VIA = { rule: 'by a group rule', group: 'through a group' } as const;
const ACTOR_TYPE: Record<string, string> = {
  User: 'admin',
  PublicClientApp: 'app',
  SystemPrincipal: 'Okta',
};

/** Who did it and where: this console (with the audit trail of its write) or elsewhere. */
function Source({ row, auditHref }: { row: HistoryRow; auditHref: (row: HistoryRow) => string }) {
  if (row.source.kind === 'elsewhere') return <Badge variant="outline">Elsewhere</Badge>;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Badge variant="info">This console</Badge>
      {row.source.auditAt ? (
        <Link href={auditHref(row)} className="text-xs underline underline-offset-4">
          audit event
        </Link>
      ) : null}
    </span>
  );
}

/**
 * Okta's System Log about one object (or the changes made outside the console): newest first, Okta's cursor
 * paging, each row's when / what / who / source. Without okta.logs.read it says what to grant.
 */
export function AccessHistory({
  label,
  result,
  base,
  integrationId,
  hrefFor,
  empty,
}: {
  label: string;
  result: HistoryResult;
  /** `/directory/<integrationId>`, for links to the users, groups and apps named. */
  base: string;
  integrationId: string;
  hrefFor: PageHref;
  empty: string;
}) {
  if (result.state === 'no_scope')
    return (
      <Alert variant="info">
        <AlertTitle>History needs the okta.logs.read scope</AlertTitle>
        <AlertDescription>
          <p>
            Grant <code className="font-mono">okta.logs.read</code> to the integration’s app in Okta (Okta API Scopes
            tab), with a role that may view the System Log (Application or Report Administrator, for example), then{' '}
            <Link href={`/integrations/${integrationId}`} className="underline underline-offset-4">
              test the integration
            </Link>
            . Everything else works without it.
          </p>
        </AlertDescription>
      </Alert>
    );
  if (result.state === 'failed')
    return (
      <ReadFailure
        message={result.message}
        requestId={result.requestId}
        firstPageHref={result.invalidPage ? hrefFor(null) : undefined}
      />
    );
  const { list } = result;
  if (list.items.length === 0 && list.previous === undefined)
    return <p className="text-sm text-muted-foreground">{empty}</p>;
  const auditHref = (row: HistoryRow) => {
    const day = (row.source.kind === 'console' && row.source.auditAt ? row.source.auditAt : row.at).slice(0, 10);
    const target = row.user?.id ?? row.group?.id ?? '';
    return `/audit?integration=${integrationId}&target=${encodeURIComponent(target)}&from=${day}&to=${day}`;
  };
  return (
    <PagedRegion
      label={label}
      previousHref={hrefFor(list.previous)}
      nextHref={hrefFor(list.next)}
      position={{ from: list.from, shown: list.items.length, more: Boolean(list.next) }}
    >
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>When</TableHead>
            <TableHead>What</TableHead>
            <TableHead>Actor</TableHead>
            <TableHead>Source</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.items.map((row) => (
            <TableRow key={row.uuid}>
              <TableCell>
                <RelativeTime date={row.at} />
              </TableCell>
              <TableCell className="whitespace-normal">
                {describe(row, base)}
                {row.via ? <span className="text-muted-foreground"> {VIA[row.via]}</span> : null}
              </TableCell>
              <TableCell className="whitespace-normal">
                {row.actor.name}{' '}
                <span className="text-xs text-muted-foreground">({ACTOR_TYPE[row.actor.type] ?? row.actor.type})</span>
              </TableCell>
              <TableCell>
                <Source row={row} auditHref={auditHref} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </PagedRegion>
  );
}
