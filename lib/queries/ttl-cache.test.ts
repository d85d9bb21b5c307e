import { describe, expect, it } from 'vitest';
import { ttlCache } from './ttl-cache';

describe('ttlCache', () => {
  let clock = 0;
  const now = () => clock;

  it('keeps a value for the ttl, per key, then loads again', async () => {
    const cached = ttlCache<number>(`test-${Math.random()}`, 60_000, now);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    clock = 1_000;
    expect(await cached('a', load)).toBe(1);
    clock = 60_999;
    expect(await cached('a', load)).toBe(1);
    expect(await cached('b', load)).toBe(2);
    clock = 61_000;
    expect(await cached('a', load)).toBe(3);
  });

  it('shares one load between concurrent callers and drops a failed one', async () => {
    const cached = ttlCache<string>(`test-${Math.random()}`, 60_000, now);
    let loads = 0;
    const failing = () => {
      loads++;
      return Promise.reject(new Error('Okta unreachable'));
    };
    const [a, b] = [cached('k', failing), cached('k', failing)];
    await expect(a).rejects.toThrow('Okta unreachable');
    await expect(b).rejects.toThrow('Okta unreachable');
    expect(loads).toBe(1);
    expect(await cached('k', () => Promise.resolve('read again'))).toBe('read again');
  });

  it('is one cache per name in the process', async () => {
    const name = `test-${Math.random()}`;
    await ttlCache<string>(name, 60_000, now)('k', () => Promise.resolve('first'));
    expect(await ttlCache<string>(name, 60_000, now)('k', () => Promise.resolve('second'))).toBe('first');
  });
});
