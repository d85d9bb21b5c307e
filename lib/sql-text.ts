import { sql, type Column, type SQL } from 'drizzle-orm';

// Text matching that SQLite and Postgres evaluate the same way: lower() on both sides instead of ilike, and
// LIKE's wildcards escaped in what the user typed.
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The column contains `needle`, whatever the case. */
export const contains = (column: Column, needle: string): SQL =>
  sql`lower(${column}) like lower(${`%${escapeLike(needle)}%`}) escape '\\'`;
