import { describe, expect, it } from 'vitest';
import { LeaseLoop, type LeaseWork } from './worker';

// The graceful stop of a lease worker: it claims nothing more, waits for the rows in flight within its drain bound,
// and hands back only the rows still running then, for another worker to claim at once.
function pending() {
  let end!: () => void;
  const promise = new Promise<void>((resolve) => (end = resolve));
  return { promise, end };
}

function harness(rows: Record<string, Promise<void>>, drainMs: number) {
  const loop = new LeaseLoop({ name: 'test_worker', id: 'w1', leaseMs: 60_000, pollMs: 60_000, drainMs });
  const released: string[][] = [];
  const recorded: string[] = [];
  let fills = 0;
  const launched = pending();
  const work: LeaseWork = {
    fill: () => {
      fills++;
      if (fills > 1) return Promise.resolve(0);
      for (const [id, run] of Object.entries(rows))
        loop.launch(id, undefined, () => run.then(() => void recorded.push(id)));
      launched.end();
      return Promise.resolve(Object.keys(rows).length);
    },
    renew: () => Promise.resolve(),
    release: (ids) => {
      released.push(ids);
      return Promise.resolve();
    },
  };
  loop.start(work);
  return { loop, released, recorded, launched: launched.promise, fills: () => fills };
}

describe('lease worker: graceful stop', () => {
  it('records the rows that end within the drain and hands back nothing', async () => {
    const a = pending();
    const w = harness({ a: a.promise }, 60_000);
    await w.launched;
    const stopped = w.loop.stop();
    expect(w.loop.active).toBe(false);
    a.end();
    await stopped;
    expect(w.recorded).toEqual(['a']);
    expect(w.released).toEqual([]);
  });

  it('hands back the rows still running when the drain bound runs out, and only those', async () => {
    const quick = pending();
    const stuck = pending();
    const w = harness({ quick: quick.promise, stuck: stuck.promise }, 50);
    await w.launched;
    quick.end();
    await w.loop.stop();
    expect(w.recorded).toEqual(['quick']);
    expect(w.released).toEqual([['stuck']]);
    const fills = w.fills();
    stuck.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(w.fills()).toBe(fills); // a stopped loop claims nothing more
  });
});
