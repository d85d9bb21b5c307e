import { EmptyState } from '@/components/layout/empty-state';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { searchDirectory, type DirectoryKind } from '@/lib/queries/directory';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Directory' };

const KINDS: Record<DirectoryKind, { title: string; hint: string }> = {
  users: { title: 'People', hint: 'Login, email, first or last name (starts with)' },
  groups: { title: 'Groups', hint: 'Group name (starts with)' },
  apps: { title: 'Applications', hint: 'App name or label (starts with)' },
};

export default async function DirectorySearchPage({
  params,
  searchParams,
}: {
  params: Promise<{ integrationId: string }>;
  searchParams: Promise<{ kind?: string; q?: string }>;
}) {
  const { integrationId } = await params;
  const sp = await searchParams;
  const kind: DirectoryKind = sp.kind === 'groups' || sp.kind === 'apps' ? sp.kind : 'users';
  const q = typeof sp.q === 'string' ? sp.q.slice(0, 100) : '';
  const result = await searchDirectory(integrationId, kind, q);
  const base = `/directory/${integrationId}`;
  return (
    <div className="grid gap-4">
      <form className="flex flex-wrap items-end gap-2" role="search">
        <input type="hidden" name="kind" value={kind} />
        <div className="grid gap-1">
          <label htmlFor="q" className="text-sm font-medium">
            Search {KINDS[kind].title.toLowerCase()}
          </label>
          <Input id="q" name="q" defaultValue={q} placeholder={KINDS[kind].hint} className="w-80 max-w-full" />
        </div>
        <Button type="submit">Search</Button>
      </form>
      {result.items.length === 0 ? (
        <EmptyState
          title={`No ${KINDS[kind].title.toLowerCase()} found`}
          description={q ? 'Try the first letters of another name.' : 'This org has none yet.'}
        />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{kind === 'users' ? 'Login' : 'Name'}</TableHead>
              <TableHead>{kind === 'users' ? 'Name' : kind === 'groups' ? 'Description' : 'Sign-on mode'}</TableHead>
              <TableHead>{kind === 'groups' ? 'Type' : 'Status'}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.kind === 'users' &&
              result.items.map((u) => (
                <TableRow key={u.id}>
                  <TableCell>
                    <Link className="font-medium underline-offset-4 hover:underline" href={`${base}/users/${u.id}`}>
                      {u.login}
                    </Link>
                  </TableCell>
                  <TableCell>{[u.firstName, u.lastName].filter(Boolean).join(' ')}</TableCell>
                  <TableCell>
                    <StatusBadge status={u.status} />
                  </TableCell>
                </TableRow>
              ))}
            {result.kind === 'groups' &&
              result.items.map((g) => (
                <TableRow key={g.id}>
                  <TableCell>
                    <Link className="font-medium underline-offset-4 hover:underline" href={`${base}/groups/${g.id}`}>
                      {g.name}
                    </Link>
                  </TableCell>
                  <TableCell className="text-muted-foreground">{g.description ?? ''}</TableCell>
                  <TableCell>
                    <StatusBadge status={g.type} />
                  </TableCell>
                </TableRow>
              ))}
            {result.kind === 'apps' &&
              result.items.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>
                    <Link className="font-medium underline-offset-4 hover:underline" href={`${base}/apps/${a.id}`}>
                      {a.label}
                    </Link>
                  </TableCell>
                  <TableCell className="font-mono text-xs">{a.signOnMode}</TableCell>
                  <TableCell>
                    <StatusBadge status={a.status} />
                  </TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      )}
      {result.truncated ? (
        <p className="text-sm text-muted-foreground">
          Showing the first 50 matches. Type more of the name to narrow the search.
        </p>
      ) : null}
    </div>
  );
}
