import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type IdPrefix = 'usr' | 'int' | 'aud' | 'frt' | 'job' | 'jbi' | 'tok' | 'drf';

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
