import 'server-only';

import { decodeCursor, encodeCursor, selectActionNames, selectAuditPage, type AuditEvent } from '@/lib/audit-query';
import { requireUser } from '@/lib/auth/guard';
import { log } from '@/lib/log';
import type { AuditFilter } from '@/lib/validations/audit';

export type { AuditEvent } from '@/lib/audit-query';

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, filtered, cursor-paged on (at, id) so paging stays fast over hundreds of thousands of rows. */
export async function listAuditEvents(
  opts: AuditFilter & { cursor?: string } = {},
): Promise<{ items: AuditEvent[]; next?: string }> {
  await requireUser('viewer');
  const rows = await selectAuditPage(opts, { cursor: decodeCursor(opts.cursor), limit: AUDIT_PAGE_SIZE + 1 });
  const items = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = items[items.length - 1];
  return { items, next: rows.length > AUDIT_PAGE_SIZE && last ? encodeCursor(last) : undefined };
}

// DISTINCT over the whole table costs about a second per million rows, and new action names appear
// only when new code ships, so the list is kept for a few minutes and refreshed in the background.
const ACTION_NAMES_TTL_MS = 5 * 60_000;
let actionNames: { at: number; names: string[] } | undefined;
let refreshing: Promise<string[]> | undefined;

function refreshActionNames(): Promise<string[]> {
  refreshing ??= selectActionNames()
    .then((names) => {
      actionNames = { at: Date.now(), names };
      return names;
    })
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

/** The action names recorded so far, for the action filter; at most a few minutes old. */
export async function listAuditActionNames(): Promise<string[]> {
  await requireUser('viewer');
  if (!actionNames) return refreshActionNames();
  if (Date.now() - actionNames.at > ACTION_NAMES_TTL_MS)
    refreshActionNames().catch((err: unknown) => log.warn('audit_action_names_failed', { err }));
  return actionNames.names;
}
