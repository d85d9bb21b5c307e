import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type IdPrefix = 'usr' | 'int' | 'aud' | 'frt' | 'job' | 'jbi' | 'tok' | 'drf' | 'grt';

/** App-generated, prefixed ids (`usr_3fK…`): the same on SQLite and Postgres, and readable in logs. */
export function newId(prefix: IdPrefix, length = 20): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    const b = bytes[i]!;
    if (b < 248) out += ALPHABET[b % 62]; // 248 = 4 * 62: keeps the draw uniform
  }
  return `${prefix}_${out}`;
}

const LOWER36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const base36 = (n: number, width: number) => n.toString(36).padStart(width, '0').slice(-width);
let lastMs = -1;
let sameMsCount = 0;

/**
 * An id that sorts in creation order (`aud_` + time, a per-process counter within the millisecond, then random),
 * for rows listed by (time, id): events of one millisecond keep the order they happened in. Digits and lower-case
 * letters only, so the order is the same under any database collation.
 */
export function newOrderedId(prefix: IdPrefix, at: Date): string {
  const ms = at.getTime();
  sameMsCount = ms === lastMs ? sameMsCount + 1 : 0;
  lastMs = ms;
  const bytes = randomBytes(8);
  let random = '';
  for (const b of bytes) random += LOWER36[b % 36];
  return `${prefix}_${base36(ms, 9)}${base36(sameMsCount, 3)}${random}`;
}
