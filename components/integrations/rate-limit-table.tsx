import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { RateLimitRow } from '@/lib/queries/rate-limits';

/** Calls this console made in each window of the last hour, as bars against the window's limit. */
function WindowBars({ row }: { row: RateLimitRow }) {
  const windows = row.windows.slice(-60);
  const calls = windows.reduce((n, w) => n + w.calls, 0);
  const peak = windows.reduce((m, w) => Math.max(m, w.calls / w.limit), 0);
  const width = 120;
  const bar = width / Math.max(windows.length, 1);
  return (
    <figure className="grid gap-1">
      <svg
        role="img"
        aria-label={`${calls.toLocaleString('en-US')} calls in ${windows.length} windows; the busiest used ${Math.round(peak * 100)}% of its limit`}
        width={width}
        height={24}
        viewBox={`0 0 ${width} 24`}
        className="text-primary"
      >
        <line x1={0} x2={width} y1={0.5} y2={0.5} className="stroke-muted-foreground/40" strokeDasharray="2 2" />
        {windows.map((w, i) => {
          const h = Math.max(1, Math.min(1, w.calls / w.limit) * 23);
          return (
            <rect
              key={w.reset}
              x={i * bar + 0.5}
              y={24 - h}
              width={Math.max(1, bar - 1)}
              height={h}
              fill="currentColor"
            />
          );
        })}
      </svg>
      <figcaption className="text-xs text-muted-foreground">
        {calls.toLocaleString('en-US')} calls · busiest window {Math.round(peak * 100)}%
      </figcaption>
    </figure>
  );
}

/** Each bucket the console has used: limit, remaining and reset as Okta last said, and the last hour's windows. */
export function RateLimitTable({ rows }: { rows: RateLimitRow[] }) {
  if (rows.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        No calls to Okta from this console process yet: the table fills in as pages, checks and jobs call Okta.
      </p>
    );
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Bucket</TableHead>
          <TableHead className="text-right">Limit / window</TableHead>
          <TableHead className="text-right">Remaining</TableHead>
          <TableHead>Resets</TableHead>
          <TableHead>Last hour (this console)</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.bucket}>
            <TableCell className="whitespace-normal">{r.label}</TableCell>
            <TableCell className="text-right tabular-nums">{r.limit.toLocaleString('en-US')}</TableCell>
            <TableCell className="text-right tabular-nums">{r.remaining.toLocaleString('en-US')}</TableCell>
            <TableCell>
              <RelativeTime date={new Date(r.resetAt)} fallback="—" />
            </TableCell>
            <TableCell>
              <WindowBars row={r} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
