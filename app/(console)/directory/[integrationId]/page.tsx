import { OktaList, pageHref } from '@/components/directory/okta-list';
import { EmptyState } from '@/components/layout/empty-state';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { listDirectory, type DirectoryKind } from '@/lib/queries/directory';
import { directoryListQuery } from '@/lib/validations/paging';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Directory' };

const KINDS: Record<DirectoryKind, { title: string; hint: string }> = {
  users: { title: 'People', hint: 'Login, email, first or last name (starts with)' },
  groups: { title: 'Groups', hint: 'Group name (starts with)' },
  apps: { title: 'Applications', hint: 'App name or label (starts with)' },
};

const COUNT = new Intl.NumberFormat('en-US');
const count = (n: number | undefined) => (n === undefined ? '—' : COUNT.format(n));

export default async function DirectoryListPage({
  params,
  searchParams,
}: {
  params: Promise<{ integrationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { integrationId } = await params;
  const base = `/directory/${integrationId}`;
  const query = directoryListQuery.safeParse(await searchParams);
  const kind: DirectoryKind = query.success ? query.data.kind : 'users';
  const q = query.success ? query.data.q : '';
  // The search box sends only kind and q, so a new search starts again from the first page.
  const hrefFor = pageHref(base, { kind, q });
  const title = KINDS[kind].title;
  const result = query.success ? await listDirectory(integrationId, kind, q, query.data.page) : null;
  const list = result?.list;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <form className="flex flex-wrap items-end gap-2" role="search">
        <input type="hidden" name="kind" value={kind} />
        <div className="grid gap-1">
          <label htmlFor="q" className="text-sm font-medium">
            Search {title.toLowerCase()}
          </label>
          <Input id="q" name="q" defaultValue={q} placeholder={KINDS[kind].hint} className="w-80 max-w-full" />
        </div>
        <Button type="submit">Search</Button>
      </form>
      <OktaList
        label={title}
        query={query}
        list={list}
        hrefFor={hrefFor}
        narrow="search"
        empty={
          <EmptyState
            title={`No ${title.toLowerCase()} found`}
            description={q ? 'Try the first letters of another name.' : 'This org has none yet.'}
          />
        }
      >
        {/* No height cap: a long list scrolls with the page, not inside a box with a second scrollbar. */}
        {() =>
          result && (
            <Table containerClassName="max-h-none md:overflow-visible">
              <TableHeader>
                <TableRow>
                  <TableHead>{kind === 'users' ? 'Login' : 'Name'}</TableHead>
                  <TableHead>
                    {kind === 'users' ? 'Name' : kind === 'groups' ? 'Description' : 'Sign-on mode'}
                  </TableHead>
                  <TableHead>{kind === 'groups' ? 'Type' : 'Status'}</TableHead>
                  {result.kind === 'groups' ? (
                    <>
                      <TableHead className="text-right">Members</TableHead>
                      <TableHead className="text-right">Apps</TableHead>
                    </>
                  ) : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {result.kind === 'users' &&
                  !('failed' in result.list) &&
                  result.list.items.map((u) => (
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
                  !('failed' in result.list) &&
                  result.list.items.map((g) => (
                    <TableRow key={g.id}>
                      <TableCell>
                        <Link
                          className="font-medium underline-offset-4 hover:underline"
                          href={`${base}/groups/${g.id}`}
                        >
                          {g.name}
                        </Link>
                      </TableCell>
                      <TableCell className="whitespace-normal text-muted-foreground">{g.description ?? ''}</TableCell>
                      <TableCell>
                        <StatusBadge status={g.type} />
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{count(g.usersCount)}</TableCell>
                      <TableCell className="text-right tabular-nums">{count(g.appsCount)}</TableCell>
                    </TableRow>
                  ))}
                {result.kind === 'apps' &&
                  !('failed' in result.list) &&
                  result.list.items.map((a) => (
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
          )
        }
      </OktaList>
    </div>
  );
}
