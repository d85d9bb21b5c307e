import { getTableName, is, SQL } from 'drizzle-orm';
import { getTableConfig as pgConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pg from './pg';
import * as sqlite from './sqlite';

// The two dialects' schemas describe one database: every difference a migration could carry (a column, its
// nullability, default, enum, an index, a foreign key) fails here, not in production on the other dialect.
type Config = ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>;

/** A column's default as both dialects can state it: a literal, a SQL expression, or computed in JS. */
const defaultOf = (c: Config['columns'][number]): unknown => {
  if (c.defaultFn) return 'js';
  if (!c.hasDefault) return null;
  return is(c.default, SQL) ? 'sql' : (c.default as unknown);
};

function shape(t: Config) {
  return {
    name: t.name,
    columns: t.columns
      .map((c) => ({
        name: c.name,
        notNull: c.notNull,
        primary: c.primary,
        unique: c.isUnique,
        default: defaultOf(c),
        enum: (c.enumValues as string[] | undefined) ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: t.indexes
      .map((i) => ({
        name: i.config.name,
        unique: i.config.unique ?? false,
        columns: i.config.columns.map((c) => ('name' in c ? c.name : 'sql')),
        partial: i.config.where !== undefined,
      }))
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
    foreignKeys: t.foreignKeys
      .map((f) => {
        const r = f.reference();
        return {
          columns: r.columns.map((c) => c.name),
          table: getTableName(r.foreignTable),
          references: r.foreignColumns.map((c) => c.name),
          onDelete: f.onDelete ?? null,
          onUpdate: f.onUpdate ?? null,
        };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    uniques: t.uniqueConstraints.map((u) => u.columns.map((c) => c.name)).sort(),
    primaryKeys: t.primaryKeys.map((p) => p.columns.map((c) => c.name)).sort(),
  };
}

describe('twin schemas', () => {
  it('export the same tables', () => {
    expect(Object.keys(pg).sort()).toEqual(Object.keys(sqlite).sort());
  });

  for (const name of Object.keys(pg)) {
    it(`${name}: same SQL name, columns (nullability, defaults, enums), indexes, keys and foreign keys`, () => {
      const a = shape(pgConfig((pg as Record<string, PgTable>)[name]!));
      const b = shape(sqliteConfig((sqlite as Record<string, SQLiteTable>)[name]!));
      expect(b).toEqual(a);
    });
  }

  it('compares what it claims to: defaults and enums are part of a table’s shape', () => {
    const users = shape(pgConfig(pg.consoleUsers));
    expect(users.columns.find((c) => c.name === 'session_version')?.default).toBe(1);
    expect(users.columns.find((c) => c.name === 'disabled')?.default).toBe(false);
    expect(users.columns.find((c) => c.name === 'role')?.enum).toEqual(['admin', 'operator', 'viewer']);
    expect(shape(sqliteConfig(sqlite.consoleUsers)).columns.find((c) => c.name === 'session_version')?.default).toBe(1);
  });

  it('compares what it claims to: indexes are part of a table’s shape (the tables have no foreign keys yet)', () => {
    const items = shape(pgConfig(pg.bulkJobItems));
    expect(items.indexes).toContainEqual({
      name: 'bulk_job_items_job_seq_uq',
      unique: true,
      columns: ['job_id', 'seq'],
      partial: false,
    });
  });
});
