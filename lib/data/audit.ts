import 'server-only';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { db, dbReady, schema } from '@/db';
import { requireUser } from '@/lib/auth/guard';

export type AuditEvent = typeof schema.auditEvents.$inferSelect;

const PAGE = 50;

/** Newest first, cursor-paged on (at, id) so paging stays fast over hundreds of thousands of rows. */
export async function listAuditEvents(opts: { cursor?: string; integrationId?: string } = {}): Promise<{ items: AuditEvent[]; next?: string }> {
  await requireUser('viewer');
  await dbReady();
  const t = schema.auditEvents;
  const where: SQL[] = [];
  if (opts.integrationId) where.push(eq(t.integrationId, opts.integrationId));
  const cursor = decodeCursor(opts.cursor);
  if (cursor) where.push(or(lt(t.at, cursor.at), and(eq(t.at, cursor.at), lt(t.id, cursor.id)))!);
  const rows = await db
    .select()
    .from(t)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(t.at), desc(t.id))
    .limit(PAGE + 1);
  const items = rows.slice(0, PAGE);
  const last = items[items.length - 1];
  return { items, next: rows.length > PAGE && last ? encodeCursor(last) : undefined };
}

const encodeCursor = (e: AuditEvent) => Buffer.from(`${e.at.getTime()}:${e.id}`).toString('base64url');

function decodeCursor(c?: string): { at: Date; id: string } | undefined {
  if (!c) return undefined;
  const [ms, id] = Buffer.from(c, 'base64url').toString().split(':');
  const at = new Date(Number(ms));
  return id && !Number.isNaN(at.getTime()) ? { at, id } : undefined;
}
