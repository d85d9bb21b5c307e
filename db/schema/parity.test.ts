import { getTableConfig as pgConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pg from './pg';
import * as sqlite from './sqlite';

describe('twin schemas', () => {
  it('export the same tables', () => {
    expect(Object.keys(pg).sort()).toEqual(Object.keys(sqlite).sort());
  });

  for (const name of Object.keys(pg)) {
    it(`${name}: same SQL name, columns, nullability and indexes`, () => {
      const a = pgConfig((pg as Record<string, PgTable>)[name]!);
      const b = sqliteConfig((sqlite as Record<string, SQLiteTable>)[name]!);
      expect(b.name).toBe(a.name);
      const cols = (cs: { name: string; notNull: boolean; primary: boolean }[]) =>
        cs.map((c) => [c.name, c.notNull, c.primary]).sort();
      expect(cols(b.columns)).toEqual(cols(a.columns));
      expect(b.indexes.map((i) => i.config.name).sort()).toEqual(a.indexes.map((i) => i.config.name).sort());
    });
  }
});
