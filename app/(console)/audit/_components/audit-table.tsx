import { Ban, CircleCheck, CircleX } from 'lucide-react';

import { Badge } from '@/components/ui/badge';
import { Mono } from '@/components/ui/mono';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { AuditEvent } from '@/lib/queries/audit';

const OUTCOMES = {
  success: { label: 'Success', icon: CircleCheck, variant: 'success' },
  failure: { label: 'Failure', icon: CircleX, variant: 'destructive' },
  denied: { label: 'Denied', icon: Ban, variant: 'warning' },
} as const;

/** An audit outcome as icon + text + colour. */
export function OutcomeBadge({ outcome }: { outcome: AuditEvent['outcome'] }) {
  const { label, icon: Icon, variant } = OUTCOMES[outcome];
  return (
    <Badge variant={variant}>
      <Icon aria-hidden="true" />
      {label}
    </Badge>
  );
}

export function AuditTable({
  items,
  integrations,
}: {
  items: AuditEvent[];
  integrations: Array<{ id: string; name: string }>;
}) {
  const names = new Map(integrations.map((i) => [i.id, i.name]));
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Integration</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Outcome</TableHead>
          <TableHead>Okta request</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((e) => (
          <TableRow key={e.id}>
            <TableCell>
              <RelativeTime date={e.at} />
            </TableCell>
            <TableCell>{e.actorLabel}</TableCell>
            <TableCell className="font-mono text-xs">{e.action}</TableCell>
            <TableCell>
              {!e.integrationId ? (
                <span className="text-muted-foreground">Console</span>
              ) : names.has(e.integrationId) ? (
                names.get(e.integrationId)
              ) : (
                <span className="text-muted-foreground" title={e.integrationId}>
                  Deleted integration
                </span>
              )}
            </TableCell>
            <TableCell>
              {e.targetLabel ?? e.targetId ?? '—'}
              {e.targetLabel && e.targetId ? (
                <div className="font-mono text-xs text-muted-foreground">{e.targetId}</div>
              ) : null}
            </TableCell>
            <TableCell>
              <OutcomeBadge outcome={e.outcome} />
              <EventDetail detail={e.detail} />
            </TableCell>
            <TableCell>
              {e.oktaRequestId ? (
                <Mono value={e.oktaRequestId} label="Okta request id" truncate className="max-w-36" />
              ) : (
                '—'
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The event's recorded detail (the reason of a refusal, counts of a bulk job…), folded under its outcome. */
function EventDetail({ detail }: { detail: string | null }) {
  if (!detail) return null;
  let lines = [detail];
  try {
    const value = JSON.parse(detail) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      lines = Object.entries(value).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
    }
  } catch {
    // Not JSON: shown as recorded.
  }
  if (lines.length === 0) return null;
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-muted-foreground">Details</summary>
      <div className="mt-1 max-w-60 rounded bg-muted px-2 py-1 font-mono break-all whitespace-pre-wrap">
        {lines.join('\n')}
      </div>
    </details>
  );
}
