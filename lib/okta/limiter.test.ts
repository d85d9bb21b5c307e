import { describe, expect, it } from 'vitest';
import { Limiter } from './limiter';

function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleeps,
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

describe('Limiter', () => {
  it('does not slow calls while the bucket has more than half left', async () => {
    const t = fakeTime();
    const limiter = new Limiter({ concurrency: 4, reserve: 0.1, maxWaitMs: 60_000, now: t.now, sleep: t.sleep });
    limiter.update('users', { limit: 600, remaining: 500, resetLocal: 60_000 });
    (await limiter.acquire('users'))();
    expect(t.sleeps).toEqual([]);
  });

  it('waits for the reset when only the reserve is left, then goes', async () => {
    const t = fakeTime();
    const limiter = new Limiter({ concurrency: 4, reserve: 0.1, maxWaitMs: 60_000, now: t.now, sleep: t.sleep });
    limiter.update('users', { limit: 100, remaining: 10, resetLocal: 30_000 });
    (await limiter.acquire('users'))();
    expect(t.sleeps).toEqual([30_000]);
  });

  it('spreads the rest of the window when below half', async () => {
    const t = fakeTime();
    const limiter = new Limiter({ concurrency: 4, reserve: 0, maxWaitMs: 60_000, now: t.now, sleep: t.sleep });
    limiter.update('apps', { limit: 100, remaining: 40, resetLocal: 40_000 });
    (await limiter.acquire('apps'))(); // lastStart was 0 at time 0 → spacing 1000, wait 1000
    (await limiter.acquire('apps'))();
    expect(t.sleeps).toEqual([1000, 975]);
  });

  it('blocks a bucket after a 429 but not the others', async () => {
    const t = fakeTime();
    const limiter = new Limiter({ concurrency: 4, reserve: 0.1, maxWaitMs: 60_000, now: t.now, sleep: t.sleep });
    limiter.block('groups', 5_000);
    (await limiter.acquire('users'))();
    expect(t.sleeps).toEqual([]);
    (await limiter.acquire('groups'))();
    expect(t.sleeps).toEqual([5_000]);
  });

  it('keeps concurrency under the cap', async () => {
    const limiter = new Limiter({ concurrency: 2, reserve: 0, maxWaitMs: 1000 });
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const release = await limiter.acquire('x');
        active++;
        peak = Math.max(peak, active);
        await Promise.resolve();
        await Promise.resolve();
        active--;
        release();
      }),
    );
    expect(peak).toBe(2);
    expect(limiter.snapshot('x').inflight).toBe(0);
  });

  it('never waits longer than maxWaitMs in total, even for a far-off reset', async () => {
    const t = fakeTime();
    const limiter = new Limiter({ concurrency: 4, reserve: 0.1, maxWaitMs: 5_000, now: t.now, sleep: t.sleep });
    limiter.update('users', { limit: 100, remaining: 0, resetLocal: 3_600_000 });
    limiter.block('groups', 3_600_000);
    (await limiter.acquire('users'))();
    (await limiter.acquire('groups'))();
    expect(t.sleeps.reduce((a, b) => a + b, 0)).toBe(5_000);
  });

  it('with pacing off, only a 429 block makes a caller wait', async () => {
    const t = fakeTime();
    const limiter = new Limiter({
      concurrency: 4,
      reserve: 0.1,
      maxWaitMs: 60_000,
      pace: false,
      now: t.now,
      sleep: t.sleep,
    });
    limiter.update('users', { limit: 100, remaining: 1, resetLocal: 30_000 });
    (await limiter.acquire('users'))();
    expect(t.sleeps).toEqual([]);
    limiter.block('users', 2_000);
    (await limiter.acquire('users'))();
    expect(t.sleeps).toEqual([2_000]);
  });
});
