import { randomBytes } from 'node:crypto';

// ASCII-ordered alphabet: ids built from it sort (as JS strings) in creation order, which is what lets
// every list page from a sorted array with a binary search instead of a scan.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(n: number, width: number): string {
  let out = '';
  let v = Math.floor(n);
  for (let i = 0; i < width; i++) {
    out = ALPHABET[v % 62]! + out;
    v = Math.floor(v / 62);
  }
  return out;
}

/** 32-bit FNV-1a; only used to make deterministic ids look random. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Okta ids are 20 characters: a 3-character type prefix and 17 more (e.g. 00ub0oNGTSWTBKOLGLNR). */
export class IdFactory {
  private seq = new Map<string, number>();
  constructor(private readonly salt: string) {}

  next(prefix: string): string {
    const n = (this.seq.get(prefix) ?? 0) + 1;
    this.seq.set(prefix, n);
    // 7 ordered characters (offset so they don't start with zeros) + 10 pseudo-random ones.
    const ordered = base62(62 ** 6 * 11 + n * 7919, 7);
    const h1 = hash32(`${this.salt}:${prefix}:${n}`);
    const h2 = hash32(`${prefix}:${n}:${this.salt}:2`);
    return prefix + ordered + base62(h1, 5) + base62(h2, 5);
  }
}

/** Random ids for things that need no determinism (request ids, error ids, token ids). */
export function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 62];
  return out;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** A stable id derived from a key (e.g. the AppUser `0ua…` of one app and user), 20 characters like Okta's. */
export function derivedId(prefix: string, key: string): string {
  return prefix + base62(hash32(`${key}:1`), 6) + base62(hash32(`${key}:2`), 6) + base62(hash32(`${key}:3`), 5);
}
