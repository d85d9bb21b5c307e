'use client';

import { Button } from '@/components/ui/button';
import { Mono } from '@/components/ui/mono';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { OUTCOME_LABELS } from '@/lib/access/kinds';
import type { JobItemView, JsonOf } from '@/lib/jobs/types';
import { cn } from '@/lib/utils';
import { ItemStatusBadge } from './job-status';

// A row's outcome: the kinds' write outcomes, and the reasons a row failed.
const OUTCOME: Record<string, string> = {
  ...OUTCOME_LABELS,
  refused: 'Refused by Okta',
  not_found: 'Not found',
  okta: 'Okta error',
};
/** Row states whose outcome says it all. */
const QUIET = new Set(['succeeded', 'skipped']);

/** One page of a job's rows; the previous page stays (dimmed, aria-busy) while the next loads. */
export function JobItemsTable({
  items,
  loading,
  busy,
  first,
  next,
  empty,
}: {
  items: JsonOf<JobItemView>[];
  loading: boolean;
  busy: boolean;
  first?: () => void;
  next?: () => void;
  empty: string;
}) {
  return (
    <div className="grid grid-cols-1 gap-2">
      <nav aria-label="Row pages" className="flex gap-2">
        <Button variant="outline" size="sm" onClick={first} disabled={!first}>
          First page
        </Button>
        <Button variant="outline" size="sm" onClick={next} disabled={!next}>
          Next page
        </Button>
      </nav>
      <div aria-busy={loading || busy} className={cn('rounded-md border transition-opacity', busy && 'opacity-50')}>
        <Table aria-label="Job rows">
          <TableHeader>
            <TableRow>
              <TableHead className="w-14">#</TableHead>
              <TableHead>User</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Result</TableHead>
              <TableHead>Okta request id</TableHead>
              <TableHead className="w-20 text-right">Attempts</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {loading
              ? Array.from({ length: 5 }, (_, i) => (
                  <TableRow key={i}>
                    <TableCell colSpan={6}>
                      <Skeleton className="h-5 w-full" />
                    </TableCell>
                  </TableRow>
                ))
              : items.map((r) => (
                  <TableRow key={r.seq}>
                    <TableCell className="text-muted-foreground tabular-nums">{r.seq}</TableCell>
                    <TableCell>
                      <span className="font-medium">{r.userLabel}</span>
                      {r.input !== r.userLabel ? (
                        <span className="block text-xs text-muted-foreground">from “{r.input}”</span>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <ItemStatusBadge status={r.status} retrying={r.retryAt !== null} />
                    </TableCell>
                    <TableCell className="max-w-80 min-w-40 text-sm whitespace-normal">
                      {r.outcome ? (OUTCOME[r.outcome] ?? r.outcome) : r.message ? null : '—'}
                      {/* A success's message restates the row ("… added to …"); a failure's says why. */}
                      {r.message && !(r.outcome && QUIET.has(r.status)) ? (
                        <span className="block text-xs text-muted-foreground">{r.message}</span>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      {r.oktaRequestId ? (
                        <Mono value={r.oktaRequestId} label="Okta request id" truncate className="max-w-48" />
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{r.attempts}</TableCell>
                  </TableRow>
                ))}
            {!loading && items.length === 0 ? (
              <TableRow>
                <TableCell colSpan={6} className="py-6 text-center text-sm text-muted-foreground">
                  {empty}
                </TableCell>
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
