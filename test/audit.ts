import { db, schema } from '@/db';
import { desc } from 'drizzle-orm';

/** The newest audit event of the test's database. */
export const lastAudit = async () =>
  (
    await db
      .select()
      .from(schema.auditEvents)
      .orderBy(desc(schema.auditEvents.at), desc(schema.auditEvents.id))
      .limit(1)
  )[0]!;
