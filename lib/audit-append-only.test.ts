import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The audit log is append-only: no code path may update or delete an event, and no route may offer to.
// This reads the source of lib, app and db (migrations and tests aside) for any way to do it.
const ROOT = path.resolve(import.meta.dirname, '..');
const SKIP = /(^|\/)(node_modules|\.next|migrations)(\/|$)|\.test\.tsx?$|\.spec\.tsx?$/;

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (SKIP.test(rel)) continue;
    if (e.isDirectory()) sources(rel, out);
    else if (/\.(ts|tsx|js|mjs|sql)$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** Every place a source file could change or remove audit rows. */
function auditWrites(code: string): string[] {
  const found: string[] = [];
  // Names the table goes by in this file: auditEvents itself, and aliases such as `const t = schema.auditEvents`.
  const names = [
    'auditEvents',
    ...[...code.matchAll(/\b(?:const|let|var)\s+(\w+)\s*=\s*(?:\w+\.)?auditEvents\b/g)].map((m) => m[1]!),
  ];
  for (const name of names) {
    const call = new RegExp(String.raw`\.\s*(update|delete)\s*\(\s*(?:\w+\.)?${name}\b`, 'g');
    for (const m of code.matchAll(call)) found.push(m[0]);
  }
  // Raw SQL, in any case, quoted or not.
  for (const m of code.matchAll(
    /\b(update|delete\s+from|truncate(?:\s+table)?|drop\s+table(?:\s+if\s+exists)?)\s+["'`]?audit_events\b/gi,
  ))
    found.push(m[0]);
  return found;
}

describe('the audit log is append-only', () => {
  const files = ['lib', 'app', 'db'].flatMap((d) => sources(d));

  it('reads the source it means to (the walk works)', () => {
    expect(files).toEqual(
      expect.arrayContaining(['lib/audit.ts', 'lib/audit-query.ts', 'db/schema/pg.ts', 'db/schema/sqlite.ts']),
    );
    expect(files.some((f) => f.includes('migrations'))).toBe(false);
    expect(files.some((f) => f.endsWith('.test.ts'))).toBe(false);
  });

  it('finds the writes it is looking for (a control)', () => {
    expect(auditWrites('await db.update(schema.auditEvents).set({ outcome: "success" })')).toHaveLength(1);
    expect(auditWrites('await db.delete(auditEvents).where(lt(auditEvents.at, cutoff))')).toHaveLength(1);
    expect(auditWrites('const t = schema.auditEvents;\nawait tx.delete(t);')).toHaveLength(1);
    expect(auditWrites('await db.execute(sql`DELETE FROM "audit_events" WHERE at < ${d}`)')).toHaveLength(1);
    expect(auditWrites("db.run('update audit_events set outcome = 1')")).toHaveLength(1);
    expect(auditWrites('TRUNCATE TABLE audit_events')).toHaveLength(1);
    expect(
      auditWrites('await db.insert(schema.auditEvents).values(row); await db.delete(schema.integrations)'),
    ).toEqual([]);
  });

  it('no source file updates or deletes audit events', () => {
    const offenders = files.flatMap((f) =>
      auditWrites(fs.readFileSync(path.join(ROOT, f), 'utf8')).map((w) => `${f}: ${w}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no route under /api/audit answers anything but GET', () => {
    const routes = sources('app/api/audit').filter((f) => /route\.tsx?$/.test(f));
    expect(routes).toContain('app/api/audit/export/route.ts');
    for (const f of routes) {
      const code = fs.readFileSync(path.join(ROOT, f), 'utf8');
      expect(code, f).not.toMatch(/export\s+(const|async\s+function|function)\s+(POST|PUT|PATCH|DELETE)\b/);
    }
  });
});
