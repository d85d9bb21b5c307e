import { directoryListQuery, MAX_PAGE_TOKEN, pagedListQuery } from '@/lib/validations/paging';
import { describe, expect, it } from 'vitest';
import { InvalidPageError, readPage } from './page-trail';

// The sealed page trail: Okta's own `next` links followed exactly, Previous from the trail, and a token the
// console did not make for this very list refused before anything is read.
type Item = { n: number };

/** A fake Okta list of `total` items, `size` a page, whose `next` links carry an odd cursor and an extra param. */
function oktaList(total: number, size: number) {
  const followed: Array<string | undefined> = [];
  const read = (next?: string) => {
    followed.push(next);
    const start = next ? Number(/after=c(\d+)%2F/.exec(next)?.[1]) : 0;
    const items = Array.from({ length: Math.min(size, total - start) }, (_, i) => ({ n: start + i + 1 }));
    const end = start + items.length;
    const link = `/api/v1/users?search=profile.login%20sw%20%22a%22&after=c${end}%2Fx&limit=${size}&okta=extra`;
    return Promise.resolve({ items, next: end < total ? link : undefined });
  };
  return { read, followed };
}

describe('readPage', () => {
  it('walks forward by Okta’s links exactly as given, and back through the trail', async () => {
    const list = oktaList(120, 50);
    const p1 = await readPage<Item>('s', undefined, list.read);
    expect(p1).toMatchObject({ from: 1, previous: undefined });
    expect(p1.items.map((i) => i.n).slice(0, 2)).toEqual([1, 2]);
    const p2 = await readPage<Item>('s', p1.next, list.read);
    expect(list.followed[1]).toBe(
      '/api/v1/users?search=profile.login%20sw%20%22a%22&after=c50%2Fx&limit=50&okta=extra',
    );
    expect(p2).toMatchObject({ from: 51, previous: null });
    expect(p2.items[0]).toEqual({ n: 51 });
    const p3 = await readPage<Item>('s', p2.next, list.read);
    expect(p3.from).toBe(101);
    expect(p3.next).toBeUndefined();
    expect(p3.items).toHaveLength(20);
    // Previous from page 3 is page 2 again, with the same rows and the same way forward.
    const back = await readPage<Item>('s', p3.previous!, list.read);
    expect(back.items).toEqual(p2.items);
    expect(back).toMatchObject({ from: 51, previous: null, next: p2.next });
  });

  it('forwardOnly (the API’s cursors) keeps only the next link: the token does not grow, and there is no Previous', async () => {
    const list = oktaList(1_000, 10);
    const tokens: string[] = [];
    let page = await readPage<Item>('s', undefined, list.read, { forwardOnly: true });
    while (page.next) {
      tokens.push(page.next);
      page = await readPage<Item>('s', page.next, list.read, { forwardOnly: true });
      expect(page.previous).toBeUndefined();
    }
    expect(page).toMatchObject({ from: 991, items: expect.arrayContaining([{ n: 1_000 }]) as unknown });
    expect(tokens).toHaveLength(99);
    expect(Math.max(...tokens.map((t) => t.length)) - Math.min(...tokens.map((t) => t.length))).toBeLessThan(8);
  });

  it('refuses a token that was changed, made for another list or search, or not made by us, reading nothing', async () => {
    const list = oktaList(120, 50);
    const p2 = await readPage<Item>(
      'directory:int_a:users:',
      (await readPage<Item>('directory:int_a:users:', undefined, list.read)).next,
      list.read,
    );
    const token = p2.next!;
    const reads = list.followed.length;
    const [payload, tag] = token.split('.') as [string, string];
    const flipped = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    for (const [scope, bad] of [
      ['directory:int_a:users:', `${flipped(payload, 3)}.${tag}`],
      ['directory:int_a:users:', `${payload}.${flipped(tag, 0)}`],
      ['directory:int_a:users:', `${payload}.`],
      ['directory:int_a:users:', 'bm90IG91cnM.AAAAAAAAAAAAAAAAAAAAAA'],
      ['directory:int_a:groups:', token],
      ['directory:int_b:users:', token],
      ['directory:int_a:users:ada', token],
    ] as const)
      await expect(readPage(scope, bad, list.read), `${scope} ${bad.slice(0, 12)}`).rejects.toBeInstanceOf(
        InvalidPageError,
      );
    expect(list.followed.length).toBe(reads);
  });

  it('stops offering Next once the trail would not fit in a URL, and says so', async () => {
    const list = oktaList(1_000_000, 1);
    let page = await readPage<Item>('deep', undefined, list.read);
    let pages = 1;
    while (page.next) {
      expect(page.next.length).toBeLessThanOrEqual(MAX_PAGE_TOKEN);
      page = await readPage<Item>('deep', page.next, list.read);
      pages++;
    }
    expect(page.tooDeep).toBe(true);
    expect(pages).toBeGreaterThan(100);
  });
});

describe('page query validation', () => {
  it('takes a list, a search and a page token; an empty page is the first page', () => {
    expect(directoryListQuery.parse({})).toEqual({ kind: 'users', q: '', page: undefined });
    expect(directoryListQuery.parse({ kind: 'groups', q: 'Eng', page: '' })).toEqual({
      kind: 'groups',
      q: 'Eng',
      page: undefined,
    });
    expect(pagedListQuery.parse({ page: 'abc.DEF_-1' }).page).toBe('abc.DEF_-1');
  });

  it('answers a bad list, search or page with a message for the admin', () => {
    const issue = (input: unknown) => directoryListQuery.safeParse(input).error?.issues[0]?.message;
    expect(issue({ kind: 'people' })).toBe('kind must be users, groups or apps');
    expect(issue({ q: ['a', 'b'] })).toBe('q must be text');
    for (const page of ['../../etc', 'x'.repeat(MAX_PAGE_TOKEN + 1), ['a.b', 'c.d'], 'no-dot', '<script>.x'])
      expect(issue({ page })).toMatch(/^This page link is damaged or was not made by the console/);
  });
});
