import { describe, expect, it } from 'vitest';
import { Limiter, type BudgetPeers, type PeerShare } from './limiter';

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

const answer = (limit: number, remaining: number, reset: number, at = 0) => ({
  limit,
  remaining,
  reset,
  resetLocal: reset * 1000,
  sentLocal: at,
  receivedLocal: at,
});

describe('Limiter', () => {
  it("spends all that Okta says is left, evenly up to the window's end, after a short burst", async () => {
    const t = fakeTime();
    const limiter = new Limiter({ concurrency: 4, burst: 4, maxWaitMs: 60_000, now: t.now, sleep: t.sleep });
    limiter.update('groups', answer(100, 40, 40));
    const starts: number[] = [];
    for (let left = 40; left > 0; left--) {
      const release = await limiter.acquire('groups');
      starts.push(t.now());
      limiter.update('groups', answer(100, left - 1, 40, t.now()));
      release();
    }
    // All 40 calls fit in the window, none held back for a reserve; the first five go at once.
    expect(starts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(starts[39]).toBeLessThan(40_000);
    expect(Math.max(...t.sleeps)).toBeLessThan(1_000);
    // Between the bursts' credit at either end, the gaps are even: the rest of the window over what is left.
    const gaps = starts.slice(6, 35).map((s, i) => s - starts[i + 5]!);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(1);
  });

  it('does not slow a page that makes a few calls', async () => {
    const t = fakeTime();
    const limiter = new Limiter({ concurrency: 8, maxWaitMs: 60_000, now: t.now, sleep: t.sleep });
    limiter.update('users', answer(600, 590, 60));
    await Promise.all(Array.from({ length: 8 }, async () => (await limiter.acquire('users'))()));
    expect(t.sleeps).toEqual([]);
  });

  it('keeps a share of the limit for other tools when told to', async () => {
    const t = fakeTime();
    const limiter = new Limiter({ concurrency: 4, share: 0.5, maxWaitMs: 60_000, now: t.now, sleep: t.sleep });
    limiter.update('users', answer(100, 50, 30));
    (await limiter.acquire('users'))();
    expect(t.sleeps).toEqual([30_000]);
    limiter.setShare(1);
    limiter.update('users', answer(100, 50, 60, t.now()));
    (await limiter.acquire('users'))();
    expect(t.sleeps).toEqual([30_000]);
  });

  it("waits for the window's end when nothing is left, counting the calls in flight", async () => {
    const t = fakeTime();
    const limiter = new Limiter({ concurrency: 4, maxWaitMs: 60_000, now: t.now, sleep: t.sleep });
    limiter.update('users', answer(100, 1, 30));
    const inFlight = await limiter.acquire('users');
    (await limiter.acquire('users'))();
    expect(t.sleeps).toEqual([30_000]);
    inFlight();
  });

  it("ends a window by its start plus the shortest window it opened, not Okta's rounded-up reset", () => {
    const limiter = new Limiter({ concurrency: 4, maxWaitMs: 60_000, now: () => 0 });
    // 5.2 s windows that start with the first call; Okta's reset rounds the end up to the second.
    const open = (sent: number) => {
      const end = sent + 5_200;
      const reset = Math.ceil(end / 1000);
      limiter.update('groups', {
        limit: 50,
        remaining: 49,
        reset,
        resetLocal: reset * 1000,
        sentLocal: sent,
        receivedLocal: sent + 20,
      });
      return limiter.snapshot('groups').endLocal!;
    };
    expect(open(0)).toBe(6_000); // nothing learned yet: Okta's reset
    expect(open(7_900)).toBe(13_920); // at most 6 s long: it began before its answer came back
    expect(open(14_700)).toBe(20_000); // 5.3 s learned
    expect(open(20_100)).toBe(25_420); // 120 ms after the real end, not 700
  });

  it('learns the window from back-to-back windows, whatever second they end in', () => {
    const limiter = new Limiter({ concurrency: 4, maxWaitMs: 60_000, now: () => 0 });
    // 10 s windows opened by our calls; answers come 100 ms after sending; each window opens 30 ms after the last ended.
    // Their ends all fall 600 ms before Okta's rounded-up reset, so the reset alone never teaches better than 10.6 s.
    let sent = 400;
    const ends: number[] = [];
    for (let k = 0; k < 4; k++) {
      const reset = Math.ceil((sent + 10_000) / 1000);
      limiter.update('groups', {
        limit: 500,
        remaining: 499,
        reset,
        resetLocal: reset * 1000,
        sentLocal: sent,
        receivedLocal: sent + 100,
      });
      ends.push(limiter.snapshot('groups').endLocal! - (sent + 10_000));
      sent += 10_030;
    }
    expect(ends[0]).toBe(600);
    expect(ends.at(-1)).toBeLessThanOrEqual(230);
  });

  it('ignores late answers from a window already over, and a concurrency 429 (Limit 0)', () => {
    const limiter = new Limiter({ concurrency: 4, maxWaitMs: 60_000, now: () => 0 });
    limiter.update('users', answer(100, 80, 60));
    limiter.update('users', answer(100, 70, 120));
    limiter.update('users', answer(100, 5, 60));
    limiter.update('users', answer(0, 0, 61));
    expect(limiter.snapshot('users')).toMatchObject({ limit: 100, remaining: 70, reset: 120 });
    expect(limiter.view()[0]!.windows.map((w) => [w.reset, w.calls])).toEqual([
      [60, 1],
      [120, 1],
    ]);
  });

  it('blocks a bucket after a 429 but not the others', async () => {
    const t = fakeTime();
    const limiter = new Limiter({ concurrency: 4, maxWaitMs: 60_000, now: t.now, sleep: t.sleep });
    limiter.block('groups', 5_000);
    (await limiter.acquire('users'))();
    expect(t.sleeps).toEqual([]);
    (await limiter.acquire('groups'))();
    expect(t.sleeps).toEqual([5_000]);
  });

  it('paces calls that queued for a free slot: they do not go as a burst when slots free up', async () => {
    // A clock whose sleepers wake in order of their wake time.
    let now = 0;
    const timers: { at: number; wake: () => void }[] = [];
    const sleep = (ms: number) => new Promise<void>((wake) => timers.push({ at: now + ms, wake }));
    const limiter = new Limiter({ concurrency: 1, burst: 0, maxWaitMs: 60_000, now: () => now, sleep });
    limiter.update('groups', answer(100, 10, 10));
    const held = await limiter.acquire('groups');
    const starts: number[] = [];
    const queued = Promise.all(
      [1, 2, 3].map(async () => {
        const release = await limiter.acquire('groups');
        starts.push(now);
        release();
      }),
    );
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const runTimers = async () => {
      for (await settle(); timers.length > 0; await settle()) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift()!;
        now = Math.max(now, next.at);
        next.wake();
      }
    };
    await runTimers(); // all three wait for the slot now
    now = 5_000; // the held call ends late: its slot frees up when all three are due
    held();
    await runTimers();
    await queued;
    // Paced at what is left (10 over 5 s: one call each 0.5 s), although all three waited for the one slot.
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(450);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(450);
  });

  it('keeps concurrency under the cap', async () => {
    const limiter = new Limiter({ concurrency: 2, maxWaitMs: 1000 });
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
    const limiter = new Limiter({ concurrency: 4, maxWaitMs: 5_000, now: t.now, sleep: t.sleep });
    limiter.update('users', answer(100, 0, 3_600));
    limiter.block('groups', 3_600_000);
    (await limiter.acquire('users'))();
    (await limiter.acquire('groups'))();
    expect(t.sleeps.reduce((a, b) => a + b, 0)).toBe(5_000);
  });

  it('with pacing off, only a 429 block makes a caller wait', async () => {
    const t = fakeTime();
    const limiter = new Limiter({
      concurrency: 4,
      maxWaitMs: 60_000,
      pace: false,
      now: t.now,
      sleep: t.sleep,
    });
    limiter.update('users', answer(100, 1, 30));
    (await limiter.acquire('users'))();
    expect(t.sleeps).toEqual([]);
    limiter.block('users', 2_000);
    (await limiter.acquire('users'))();
    expect(t.sleeps).toEqual([2_000]);
  });

  describe('with other processes spending the same bucket (peers)', () => {
    /** Peers that answer what the test says, and record what this process told them. */
    function fakePeers(share: PeerShare) {
      const told: { bucket: string; demand: number; inflight: number }[] = [];
      let answer: PeerShare | Error = share;
      const peers: BudgetPeers = {
        share: (bucket, mine) => {
          told.push({ bucket, ...mine });
          return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
        },
      };
      return { peers, told, set: (a: PeerShare | Error) => (answer = a) };
    }
    /** Lets the fire-and-forget exchange with the peers settle. */
    const settle = () => new Promise((resolve) => setImmediate(resolve));

    it("paces this process at its share of what is left, less the others' calls in flight", async () => {
      const t = fakeTime();
      const p = fakePeers({ processes: 2, othersInflight: 4 });
      const limiter = new Limiter({
        concurrency: 4,
        burst: 0,
        maxWaitMs: 60_000,
        now: t.now,
        sleep: t.sleep,
        peers: p.peers,
      });
      limiter.update('groups', answer(100, 44, 40));
      (await limiter.acquire('groups'))();
      await settle();
      const starts: number[] = [];
      for (let k = 0; k < 4; k++) {
        (await limiter.acquire('groups'))();
        starts.push(t.now());
      }
      // 44 left, 4 in flight elsewhere: 40 for two processes, 20 each over what is left of the window.
      for (let k = 1; k < 4; k++) expect(starts[k]! - starts[k - 1]!).toBeCloseTo((40_000 - starts[k - 1]!) / 20, 6);
      expect(p.told[0]).toEqual({ bucket: 'groups', demand: 1, inflight: 0 });
    });

    it("waits for the window's end when the others' calls in flight take what is left", async () => {
      const t = fakeTime();
      const p = fakePeers({ processes: 2, othersInflight: 3 });
      const limiter = new Limiter({ concurrency: 4, maxWaitMs: 60_000, now: t.now, sleep: t.sleep, peers: p.peers });
      limiter.update('users', answer(100, 3, 30));
      (await limiter.acquire('users'))();
      await settle();
      (await limiter.acquire('users'))();
      expect(t.sleeps).toEqual([30_000]);
    });

    it('tells the peers at most every peerSyncMs, and keeps what they said last when an exchange fails', async () => {
      const t = fakeTime();
      const p = fakePeers({ processes: 3, othersInflight: 0 });
      const limiter = new Limiter({
        concurrency: 4,
        maxWaitMs: 60_000,
        now: t.now,
        sleep: t.sleep,
        peers: p.peers,
        peerSyncMs: 1_000,
      });
      limiter.update('users', answer(100, 90, 30));
      const held = await limiter.acquire('users');
      await settle();
      (await limiter.acquire('users'))();
      expect(p.told).toHaveLength(1);
      // The last call in flight done: told at once, whatever the interval.
      held();
      await settle();
      expect(p.told).toEqual([
        { bucket: 'users', demand: 1, inflight: 0 },
        { bucket: 'users', demand: 0, inflight: 0 },
      ]);
      p.set(new Error('database unreachable'));
      await t.sleep(1_000);
      (await limiter.acquire('users'))();
      await settle();
      expect(p.told.length).toBeGreaterThan(2);
      expect(limiter.snapshot('users').peers).toEqual({ processes: 3, othersInflight: 0 });
    });
  });

  it('says how many more calls a bucket would start within a horizon', async () => {
    const t = fakeTime();
    const limiter = new Limiter({ concurrency: 4, burst: 2, maxWaitMs: 60_000, now: t.now, sleep: t.sleep });
    expect(limiter.ready('groups', 1_000)).toBe(Infinity); // never seen: not paced yet
    limiter.update('groups', answer(100, 40, 40));
    // One call a second over the 40 s left, and a burst of 2 ahead of the schedule.
    expect(limiter.ready('groups', 5_000)).toBe(8);
    (await limiter.acquire('groups'))();
    expect(limiter.ready('groups', 5_000)).toBe(7);
    limiter.block('groups', 10_000);
    expect(limiter.ready('groups', 5_000)).toBe(0);
    limiter.update('groups', answer(100, 0, 40));
    expect(limiter.ready('groups', 60_000)).toBe(0);
  });
});
