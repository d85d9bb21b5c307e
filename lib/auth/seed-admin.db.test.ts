import { describe, expect, it } from 'vitest';

// Several consoles starting together with ADMIN_EMAIL/ADMIN_PASSWORD on one database: one admin is
// created, and no process fails its start-up over the race. env is read at import, so it is set first.
process.env.ADMIN_EMAIL = 'seed@example.com';
process.env.ADMIN_PASSWORD = 'seed admin password 1';

describe('seeding the first admin from the environment', () => {
  it('creates one admin when several start-ups race, and none of them fails', async () => {
    const { handle, schema } = await import('@/db');
    const { announceFirstRun } = await import('./first-run');
    const { countConsoleUsers } = await import('./users');
    const lines: string[] = [];
    await Promise.all(Array.from({ length: 4 }, () => announceFirstRun((l) => lines.push(l))));
    expect(await countConsoleUsers()).toBe(1);
    expect(lines.filter((l) => l.includes('Created the admin seed@example.com'))).toHaveLength(1);
    const audits = (await handle.db.select().from(schema.auditEvents)).filter(
      (a) => a.action === 'console_user.seed_admin',
    );
    expect(audits).toHaveLength(1);
  });
});
