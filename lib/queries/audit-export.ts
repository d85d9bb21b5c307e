import 'server-only';

import { moreThan, selectAuditPage, type AuditCursor, type AuditEvent } from '@/lib/audit-query';
import { requireUser } from '@/lib/auth/guard';
import { CSV_BOM, csvRow } from '@/lib/csv';
import { listIntegrations } from '@/lib/integrations/store';
import { log } from '@/lib/log';
import type { AuditFilter } from '@/lib/validations/audit';

export const EXPORT_MAX_ROWS = 100_000;
const EXPORT_PAGE = 1_000;

export const AUDIT_CSV_HEADER = [
  'time',
  'actor',
  'actor_type',
  'actor_id',
  'action',
  'outcome',
  'integration',
  'integration_id',
  'target_type',
  'target_id',
  'target',
  'second_target_type',
  'second_target_id',
  'second_target',
  'okta_request_id',
  'ip',
  'detail',
  'event_id',
] as const;

const toCells = (e: AuditEvent, integrations: Map<string, string>) => [
  e.at,
  e.actorLabel,
  e.actorType,
  e.actorId,
  e.action,
  e.outcome,
  e.integrationId ? (integrations.get(e.integrationId) ?? '') : '',
  e.integrationId,
  e.targetType,
  e.targetId,
  e.targetLabel,
  e.secondTargetType,
  e.secondTargetId,
  e.secondTargetLabel,
  e.oktaRequestId,
  e.ip,
  e.detail,
  e.id,
];

export interface AuditExport {
  stream: ReadableStream<Uint8Array>;
  /** More events matched than the export holds; the newest `maxRows` are in it. */
  truncated: boolean;
  /** Events recorded after this moment are left out, so a long export is a consistent snapshot. */
  until: Date;
}

/**
 * The filtered audit log as CSV, newest first, at most `maxRows` rows. Rows are read a page at a time as
 * the client consumes the stream, so memory stays flat however many rows there are.
 */
export async function exportAuditCsv(
  filter: AuditFilter,
  opts: { maxRows?: number; pageSize?: number } = {},
): Promise<AuditExport> {
  await requireUser('viewer');
  const maxRows = opts.maxRows ?? EXPORT_MAX_ROWS;
  const pageSize = opts.pageSize ?? EXPORT_PAGE;
  const until = new Date();
  const truncated = await moreThan(filter, maxRows, until);
  const integrations = new Map((await listIntegrations()).map((i) => [i.id, i.name]));
  const encoder = new TextEncoder();
  let cursor: AuditCursor | undefined;
  let sent = 0;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvRow(AUDIT_CSV_HEADER)));
    },
    async pull(controller) {
      try {
        const limit = Math.min(pageSize, maxRows - sent);
        const rows = limit > 0 ? await selectAuditPage(filter, { cursor, limit, until }) : [];
        if (rows.length) controller.enqueue(encoder.encode(rows.map((e) => csvRow(toCells(e, integrations))).join('')));
        sent += rows.length;
        const last = rows[rows.length - 1];
        if (!last || rows.length < limit) controller.close();
        else cursor = { at: last.at, id: last.id };
      } catch (err) {
        log.error('audit_export_failed', { sent, err });
        controller.error(err);
      }
    },
  });
  return { stream, truncated, until };
}
