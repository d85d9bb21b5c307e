import { Ban, CircleCheck, CircleX } from 'lucide-react';
import Link from 'next/link';
import { Fragment } from 'react';

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
            <TableCell className="min-w-44 [overflow-wrap:anywhere] whitespace-normal">{e.actorLabel}</TableCell>
            <TableCell className="font-mono text-xs whitespace-normal">
              <ActionName action={e.action} />
            </TableCell>
            <TableCell className="min-w-24 [overflow-wrap:anywhere] whitespace-normal">
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
            <TableCell className="min-w-56 whitespace-normal">
              <Targets event={e} />
            </TableCell>
            <TableCell>
              <OutcomeBadge outcome={e.outcome} />
              <EventDetail detail={e.detail} />
              <GrantLink event={e} />
            </TableCell>
            <TableCell>
              {e.oktaRequestId ? (
                <Mono value={e.oktaRequestId} label="Okta request id" truncate className="max-w-32" />
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

/**
 * An action name that may wrap after its area and between its words (`console_user.` / `create_first_` /
 * `admin`), never inside a word: the longest names then fit the column at 1366 px.
 */
function ActionName({ action }: { action: string }) {
  const parts = action.split(/(?<=[._])/);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

// Okta's nouns for the ends of an access change; other targets (an integration, a console user) go unnamed.
const END_NOUNS: Record<string, string> = { okta_user: 'User', okta_group: 'Group', okta_app: 'App' };

/** What the event acted on: both ends of an access change (the user and the group, the app and its member). */
function Targets({ event: e }: { event: AuditEvent }) {
  const ends = [
    { type: e.targetType, id: e.targetId, label: e.targetLabel },
    { type: e.secondTargetType, id: e.secondTargetId, label: e.secondTargetLabel },
  ].filter((end) => end.id || end.label);
  if (ends.length === 0) return '—';
  return (
    <ul className="grid gap-1">
      {ends.map((end, i) => {
        const noun = end.type ? END_NOUNS[end.type] : undefined;
        return (
          <li key={i} className="flex items-baseline gap-2">
            {noun ? <span className="w-10 shrink-0 text-xs text-muted-foreground">{noun} </span> : null}
            <div className="min-w-0 [overflow-wrap:anywhere]">
              {end.label ?? end.id}
              {end.label && end.id ? <div className="font-mono text-xs text-muted-foreground">{end.id}</div> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** An event of a time-bound grant (its change, its end, extend…): a link to the grant and its other events. */
function GrantLink({ event: e }: { event: AuditEvent }) {
  const grantId = /"grantId":"(grt_[A-Za-z0-9]{20})"/.exec(e.detail ?? '')?.[1];
  if (!grantId || !e.integrationId) return null;
  return (
    <Link
      href={`/directory/${e.integrationId}/grants?q=${grantId}`}
      className="mt-1 block text-xs underline underline-offset-4"
    >
      Time-bound grant
    </Link>
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
