import { csvAttachment, defineRoute } from '@/lib/api/route';
import { recordAudit, userActor } from '@/lib/audit';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { EXPORT_MAX_ROWS, exportAuditCsv } from '@/lib/queries/audit-export';
import { auditFilterSchema, type AuditFilter } from '@/lib/validations/audit';

// Viewer, like the audit log page: the CSV holds the same events that page lets a viewer read one page at
// a time (plus the client IP and the detail JSON, which hold no secrets). Auditors are often viewers.
// Each export is itself recorded, with its filters, so who took a copy of the log is on the log.
export const GET = defineRoute(
  { name: 'audit.export', role: 'viewer', query: auditFilterSchema },
  async ({ query, user, request }) => {
    const filter: AuditFilter = query;
    const { stream, truncated, until } = await exportAuditCsv(filter);
    await recordAudit({
      actor: userActor(user),
      action: 'audit.export',
      outcome: 'success',
      detail: { filter, truncated, maxRows: EXPORT_MAX_ROWS },
      ip: clientIpFrom(request.headers),
    });
    const stamp = until.toISOString().slice(0, 19).replace(/[-:]/g, '');
    const filename = `audit-log-${stamp}Z${truncated ? `-newest-${EXPORT_MAX_ROWS}` : ''}.csv`;
    return csvAttachment(stream, filename, { 'X-Export-Truncated': String(truncated) });
  },
);
