import type { LeaseWorkerControl } from '@/lib/leases/worker';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'info';
});

// What a graceful stop waits for before it closes the database pool: the workers' drains and the requests being
// served, those that arrive while it waits included, each for at most the drain time.
const { beginServing, drain } = await import('./shutdown');

/** Serves a request (as lib/request-log.ts does) until `work` ends. */
function whileServing<T>(work: () => Promise<T>): Promise<T> {
  return work().finally(beginServing());
}

afterEach(() => vi.restoreAllMocks());

function pending() {
  let end!: () => void;
  const promise = new Promise<void>((resolve) => (end = resolve));
  return { promise, end };
}

/** Whether `p` has settled once everything already queued has run (a pending promise never has). */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

const worker = (stop: () => Promise<void>): LeaseWorkerControl => ({
  id: 'w',
  active: true,
  whenIdle: () => Promise.resolve(),
  stop,
});

describe('graceful stop: the drain', () => {
  it('waits for a request being served, and for one that arrives meanwhile, before it ends', async () => {
    const first = pending();
    const served = whileServing(async () => {
      await first.promise;
      return 'audited';
    });
    const stopping = drain([], 60_000);
    expect(await settled(stopping)).toBe(false);
    const second = pending();
    const late = whileServing(() => second.promise);
    first.end();
    expect(await served).toBe('audited');
    expect(await settled(stopping)).toBe(false);
    second.end();
    await late;
    expect(await stopping).toEqual({ requestsCut: 0 });
  });

  it("a request's failure is its own answer: the drain ends with it", async () => {
    const failed = whileServing(() => Promise.reject(new Error('refused')));
    await expect(failed).rejects.toThrow('refused');
    expect(await drain([], 60_000)).toEqual({ requestsCut: 0 });
  });

  it("waits for the workers' drains and the requests together", async () => {
    const workerDrain = pending();
    const request = pending();
    void whileServing(() => request.promise);
    const stopping = drain([worker(() => workerDrain.promise)], 60_000);
    request.end();
    expect(await settled(stopping)).toBe(false);
    workerDrain.end();
    expect(await stopping).toEqual({ requestsCut: 0 });
  });

  it('gives up on a request that does not end within the bound, and says so', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const stuck = pending();
    void whileServing(() => stuck.promise);
    expect(await drain([], 50)).toEqual({ requestsCut: 1 });
    expect(lines.join('')).toMatch(/"event":"shutdown_requests_cut".*"requests":1/);
    stuck.end();
  });
});
