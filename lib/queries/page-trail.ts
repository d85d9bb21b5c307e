import 'server-only';

import { appKeyring } from '@/lib/crypto';
import type { Page } from '@/lib/okta';
import { MAX_PAGE_TOKEN } from '@/lib/validations/paging';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';

/**
 * Paging through an Okta list from a page's own URL, so Next works from a bookmark or a shared link and the
 * browser's back button walks back page by page. The URL carries a "trail": the `next` links Okta gave (path
 * and query, exactly as given, never built here) that led to the current page, each with how many items came
 * before it. Previous is the trail without its last link. The trail is compressed (its links differ only in
 * Okta's cursor) and sealed with an HMAC bound to the list it belongs to (integration, list, search), so a
 * cursor Okta never gave, or one from another list or search, is refused as invalid input before any call.
 */

const MAC_BYTES = 16;

export type Paged<T> = {
  items: T[];
  /** Position of the first item in the whole list, from 1. */
  from: number;
  /** The previous page's token: null for the first page (no token); undefined on the first page itself. */
  previous?: string | null;
  /** The next page's token, while Okta gave a `next` link. */
  next?: string;
  /** Okta gave a `next` link, but the trail to it would be too long for a URL (about 150 pages deep). */
  tooDeep?: boolean;
};

export class InvalidPageError extends Error {
  constructor() {
    super('This page link was changed or belongs to another list or search. Start again from the first page.');
  }
}

type Trail = Array<[link: string, offset: number]>;
const trailSchema = z
  .array(z.tuple([z.string().startsWith('/api/v1/').max(2000), z.number().int().min(1)]))
  .min(1)
  .max(10_000);

// One key per encryption key (HKDF with its own label), so rotating APP_ENCRYPTION_KEY keeps old links working
// while the old key is listed in APP_ENCRYPTION_KEYS_PREVIOUS.
const macKeys = () => {
  const ring = appKeyring();
  const derive = (key: Buffer) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'okta-list-page-trail/v1', 32));
  return { active: derive(ring.active.key), all: [...ring.byId.values()].map(derive) };
};

const mac = (key: Buffer, scope: string, payload: string) =>
  createHmac('sha256', key).update(`${scope}\n${payload}`).digest().subarray(0, MAC_BYTES);

function seal(scope: string, trail: Trail): string {
  const payload = deflateRawSync(JSON.stringify(trail)).toString('base64url');
  return `${payload}.${mac(macKeys().active, scope, payload).toString('base64url')}`;
}

function open(scope: string, token: string): Trail {
  const [payload, tag] = token.split('.');
  if (!payload || !tag) throw new InvalidPageError();
  const given = Buffer.from(tag, 'base64url');
  const genuine = macKeys().all.some((key) => {
    const expected = mac(key, scope, payload);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!genuine) throw new InvalidPageError();
  try {
    const json = inflateRawSync(Buffer.from(payload, 'base64url'), { maxOutputLength: 1_000_000 }).toString('utf8');
    return trailSchema.parse(JSON.parse(json));
  } catch {
    throw new InvalidPageError();
  }
}

/**
 * Reads the page a token points at (the first page without one) with `read`, which gets Okta's `next` link to
 * follow (undefined for the first page), and hands back the tokens of the pages before and after it.
 * `scope` names the list: a token made for one scope is refused in any other. `forwardOnly` (the automation
 * API's cursors) keeps only the link to the next page, so the token stays short however deep the list goes,
 * and there is no Previous.
 */
export async function readPage<T>(
  scope: string,
  token: string | undefined,
  read: (next?: string) => Promise<Page<T>>,
  opts: { forwardOnly?: boolean } = {},
): Promise<Paged<T>> {
  const trail = token ? open(scope, token) : [];
  const here = trail.at(-1);
  const page = await read(here?.[0]);
  const from = here?.[1] ?? 1;
  const previous =
    trail.length === 0 || opts.forwardOnly ? undefined : trail.length === 1 ? null : seal(scope, trail.slice(0, -1));
  if (!page.next) return { items: page.items, from, previous };
  const link: Trail[number] = [page.next, from + page.items.length];
  const next = seal(scope, opts.forwardOnly ? [link] : [...trail, link]);
  return next.length > MAX_PAGE_TOKEN
    ? { items: page.items, from, previous, tooDeep: true }
    : { items: page.items, from, previous, next };
}
