import { createPgDatabase, dropPgDatabase } from '@/test/pg-admin';
import { sql, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './client';

// Migration 0007 adds an audit event's second target and fills it for access changes recorded before, which
// named their second end only in detail.targets. A fresh database is migrated to 0006, given rows as the
// console wrote them then, and migrated the rest of the way.
const MIGRATION = '0007_audit_second_target';
const dialect = process.env.VITEST_DB === 'pg' ? 'pg' : 'sqlite';

/** The dialect's migrations up to (not including) 0007, in a folder of their own. */
function migrationsBefore(tag: string): string {
  const from = path.join('db', 'migrations', dialect);
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'oac-mig-'));
  fs.cpSync(from, to, { recursive: true });
  const journalPath = path.join(to, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at, `${tag} is in the journal`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return to;
}

const user = { type: 'okta_user', id: '00u1dana', label: 'dana@example.com' };
const group = { type: 'okta_group', id: '00g1finance', label: 'Finance' };
const app = { type: 'okta_app', id: '0oa1wiki', label: 'Wiki' };

// As lib/access wrote them before 0006: the first end in target_*, both in detail.targets.
const OLD = [
  {
    id: 'aud_old_membership',
    action: 'group.add_member',
    first: user,
    detail: { outcome: 'added', targets: [user, group] },
  },
  {
    id: 'aud_old_assignment',
    action: 'app.assign_group',
    first: app,
    detail: { outcome: 'assigned', targets: [app, group] },
  },
  { id: 'aud_old_one_end', action: 'app.assign_user', first: app, detail: { outcome: 'not_found', targets: [app] } },
  {
    id: 'aud_old_check',
    action: 'group.check_member',
    first: group,
    detail: { user: 'dana@example.com', member: true },
  },
  { id: 'aud_old_other', action: 'integration.rename', first: null, detail: { targets: [user, group] } },
  { id: 'aud_old_not_json', action: 'group.remove_member', first: user, detail: 'not json' },
  { id: 'aud_old_no_detail', action: 'group.remove_member', first: user, detail: null },
] as const;

describe(`migration ${MIGRATION} (${dialect})`, () => {
  let handle: DatabaseHandle;
  let pgName: string | undefined;
  const exec = (q: SQL) =>
    dialect === 'pg' ? handle.db.execute(q) : (handle.db as unknown as BetterSQLite3Database).run(q);

  beforeAll(async () => {
    let url: string | undefined;
    if (dialect === 'pg') {
      pgName = `oac_bf_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      url = await createPgDatabase(pgName);
    } else url = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oac-bf-')), 'console.db')}`;
    handle = openDatabase({ url, dataDir: process.env.DATA_DIR! });
    const migrationsFolder = migrationsBefore(MIGRATION);
    if (dialect === 'pg') await migratePg(handle.db, { migrationsFolder });
    else migrateSqlite(handle.db as unknown as BetterSQLite3Database, { migrationsFolder });

    for (const [i, e] of OLD.entries()) {
      const at = Date.UTC(2026, 10, 1) + i;
      const detail = e.detail === null || typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail);
      await exec(sql`insert into audit_events
        (id, at, actor_type, actor_label, action, target_type, target_id, target_label, outcome, detail)
        values (${e.id}, ${dialect === 'pg' ? new Date(at) : at}, 'user', 'ada@example.com', ${e.action},
          ${e.first?.type ?? null}, ${e.first?.id ?? null}, ${e.first?.label ?? null}, 'success', ${detail})`);
    }
    await handle.migrate();
  });

  afterAll(async () => {
    await handle?.close();
    if (pgName) await dropPgDatabase(pgName);
  });

  it('copies the second end of an older access change from its detail into the new columns', async () => {
    const rows = await handle.db.select().from(handle.schema.auditEvents).orderBy(handle.schema.auditEvents.id);
    const second = Object.fromEntries(
      rows.map((r) => [r.id, [r.secondTargetType, r.secondTargetId, r.secondTargetLabel]]),
    );
    expect(second).toEqual({
      aud_old_membership: ['okta_group', '00g1finance', 'Finance'],
      aud_old_assignment: ['okta_group', '00g1finance', 'Finance'],
      aud_old_one_end: [null, null, null],
      aud_old_check: [null, null, null],
      aud_old_other: [null, null, null], // not an access change: left as recorded
      aud_old_not_json: [null, null, null],
      aud_old_no_detail: [null, null, null],
    });
    // What each event recorded is unchanged.
    const membership = rows.find((r) => r.id === 'aud_old_membership')!;
    expect(membership).toMatchObject({
      targetType: 'okta_user',
      targetId: '00u1dana',
      targetLabel: 'dana@example.com',
    });
    expect(JSON.parse(membership.detail!)).toEqual(OLD[0].detail);
    expect(rows.find((r) => r.id === 'aud_old_not_json')!.detail).toBe('not json');
  });
});
