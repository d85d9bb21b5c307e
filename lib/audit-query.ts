import 'server-only';

import { db, schema } from '@/db';
import { contains } from '@/lib/sql-text';
import { NO_INTEGRATION, type AuditFilter } from '@/lib/validations/audit';
import { and, count, desc, eq, gte, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';

// Reads of the audit log with no role check: lib/queries/audit*.ts check the caller, then call these.
// Only SQL both SQLite and Postgres evaluate the same way: lower() on both sides instead of ilike,
// substr() instead of a case-sensitivity-dependent LIKE for action prefixes.

export type AuditEvent = typeof schema.auditEvents.$inferSelect;
export interface AuditCursor {
  at: Date;
  id: string;
}

const t = schema.auditEvents;
const DAY_MS = 86_400_000;

/** The WHERE terms for a filter; `until` pins an export to the rows that existed when it started. */
export function auditWhere(filter: AuditFilter, until?: Date): SQL[] {
  const where: SQL[] = [];
  if (filter.integration)
    where.push(
      filter.integration === NO_INTEGRATION ? isNull(t.integrationId) : eq(t.integrationId, filter.integration),
    );
  if (filter.actor) where.push(or(eq(t.actorId, filter.actor), contains(t.actorLabel, filter.actor))!);
  if (filter.target)
    // Either end of a change: a membership is found by its user and by its group.
    where.push(
      or(
        eq(t.targetId, filter.target),
        contains(t.targetLabel, filter.target),
        eq(t.secondTargetId, filter.target),
        contains(t.secondTargetLabel, filter.target),
      )!,
    );
  if (filter.outcome) where.push(eq(t.outcome, filter.outcome));
  if (filter.action?.endsWith('*')) {
    const prefix = filter.action.slice(0, -1);
    where.push(sql`substr(${t.action}, 1, ${sql.raw(String(prefix.length))}) = ${prefix}`);
  } else if (filter.action) where.push(eq(t.action, filter.action));
  if (filter.from) where.push(gte(t.at, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) where.push(lt(t.at, new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY_MS)));
  if (until) where.push(lte(t.at, until));
  return where;
}

/** One page, newest first, after `cursor` on (at, id) so paging stays fast and never skips a row. */
export async function selectAuditPage(
  filter: AuditFilter,
  opts: { cursor?: AuditCursor; limit: number; until?: Date },
): Promise<AuditEvent[]> {
  const where = auditWhere(filter, opts.until);
  const c = opts.cursor;
  if (c) where.push(or(lt(t.at, c.at), and(eq(t.at, c.at), lt(t.id, c.id)))!);
  return db
    .select()
    .from(t)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(t.at), desc(t.id))
    .limit(opts.limit);
}

/** Whether more than `n` events match: counts at most n + 1 of them, unsorted, so it stops early. */
export async function moreThan(filter: AuditFilter, n: number, until?: Date): Promise<boolean> {
  const where = auditWhere(filter, until);
  const firstN = db
    .select({ one: sql`1`.as('one') })
    .from(t)
    .where(where.length ? and(...where) : undefined)
    .limit(n + 1)
    .as('first_n');
  const [row] = await db.select({ n: count() }).from(firstN);
  return (row?.n ?? 0) > n;
}

/** The action names that occur in the log, for the filter menu. A full scan: callers cache it. */
export async function selectActionNames(limit = 500): Promise<string[]> {
  const rows = await db.selectDistinct({ action: t.action }).from(t).orderBy(t.action).limit(limit);
  return rows.map((r) => r.action);
}

export const encodeCursor = (e: Pick<AuditEvent, 'at' | 'id'>) =>
  Buffer.from(`${e.at.getTime()}:${e.id}`).toString('base64url');

export function decodeCursor(c?: string): AuditCursor | undefined {
  if (!c) return undefined;
  const [ms, id] = Buffer.from(c, 'base64url').toString().split(':');
  const at = new Date(Number(ms));
  return id && ms && !Number.isNaN(at.getTime()) ? { at, id } : undefined;
}
