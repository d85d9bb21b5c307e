import 'server-only';
import { decodeCursor, encodeCursor, selectActionNames, selectAuditPage, type AuditEvent } from '@/lib/audit-query';
import { requireUser } from '@/lib/auth/guard';
import type { AuditFilter } from '@/lib/validations/audit';

export type { AuditEvent } from '@/lib/audit-query';

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, filtered, cursor-paged on (at, id) so paging stays fast over hundreds of thousands of rows. */
export async function listAuditEvents(opts: AuditFilter & { cursor?: string } = {}): Promise<{ items: AuditEvent[]; next?: string }> {
  await requireUser('viewer');
  const rows = await selectAuditPage(opts, { cursor: decodeCursor(opts.cursor), limit: AUDIT_PAGE_SIZE + 1 });
  const items = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = items[items.length - 1];
  return { items, next: rows.length > AUDIT_PAGE_SIZE && last ? encodeCursor(last) : undefined };
}

/** The action names recorded so far, for the action filter. */
export async function listAuditActionNames(): Promise<string[]> {
  await requireUser('viewer');
  return selectActionNames();
}
