import { afterEach, describe, expect, it, vi } from 'vitest';

// Every line logged while a request is served carries its request id; the request ends with one http_request line.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'info';
});
// Next's after(): runs its callback once the response has been sent (here: when a test says so).
const answered = vi.hoisted(() => [] as (() => void)[]);
vi.mock('next/server', () => ({ after: (sent: () => void) => answered.push(sent) }));
vi.mock('next/headers', () => ({ headers: () => Promise.resolve(new Headers({ 'x-request-id': 'action-req-0001' })) }));

const { log } = await import('@/lib/log');
const { servedAction, servedRoute } = await import('./request-log');
const { requestIdFor } = await import('./request-id');
const { drain } = await import('./shutdown');

/** Whether `p` has settled once everything already queued has run (a pending promise never has). */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

function captured() {
  const lines: Record<string, unknown>[] = [];
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      return true;
    });
  return lines;
}
afterEach(() => {
  vi.restoreAllMocks();
  answered.splice(0).forEach((sent) => sent());
});

describe('request log', () => {
  it("a route's lines, however deep, carry the request id proxy.ts set; the last says the status", async () => {
    const lines = captured();
    const request = new Request('http://localhost/api/x', { headers: { 'x-request-id': 'req-from-proxy-01' } });
    const res = await servedRoute('thing.read', request, async () => {
      await Promise.resolve();
      log.warn('deep_inside', { n: 1 });
      return new Response('no', { status: 404 });
    });
    expect(res.status).toBe(404);
    expect(lines.map((l) => [l.event, l.requestId])).toEqual([
      ['deep_inside', 'req-from-proxy-01'],
      ['http_request', 'req-from-proxy-01'],
    ]);
    expect(lines[1]).toMatchObject({ route: 'thing.read', method: 'GET', status: 404 });
    log.info('outside');
    expect(lines[2]).not.toHaveProperty('requestId');
  });

  it("an action's lines carry its request's id and its result", async () => {
    const lines = captured();
    await servedAction('thing.change', () => Promise.resolve({ ok: false, code: 'forbidden' }));
    expect(lines).toEqual([
      expect.objectContaining({ event: 'action', requestId: 'action-req-0001', result: 'forbidden' }),
    ]);
  });

  it("takes a proxy's id only behind a trusted proxy, and only a plausible one", () => {
    expect(requestIdFor('abc-123-def-456', true)).toBe('abc-123-def-456');
    expect(requestIdFor('abc-123-def-456', false)).not.toBe('abc-123-def-456');
    expect(requestIdFor('bad id\n{"event":"x"}', true)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(null, true)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a graceful stop waits until Next has sent the answer (a streamed export whole), not only for the handler', async () => {
    captured();
    const res = await servedRoute('thing.export', new Request('http://localhost/api/x'), () =>
      Promise.resolve(new Response('time,actor\n')),
    );
    expect(res.status).toBe(200);
    const stopping = drain([], 60_000);
    expect(await settled(stopping)).toBe(false);
    answered.splice(0).forEach((sent) => sent()); // Next: the response closed
    expect(await stopping).toEqual({ requestsCut: 0 });
  });

  it('a stop waits for an action being run, and for its answer to be sent', async () => {
    captured();
    let finish!: () => void;
    const result = servedAction(
      'thing.change',
      () => new Promise<{ ok: boolean }>((resolve) => (finish = () => resolve({ ok: true }))),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const stopping = drain([], 60_000);
    finish();
    await result;
    expect(await settled(stopping)).toBe(false);
    answered.splice(0).forEach((sent) => sent());
    expect(await stopping).toEqual({ requestsCut: 0 });
  });
});
