import { redirect } from 'next/navigation';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ACTION_BODY_LIMIT_BYTES, actionBodyBytes, callAction } from './call-action';
import { ok } from './result';

// What the browser sends for an action's arguments: React's encodeReply (the edge build runs in Node), as
// the bytes of the request body Next measures against serverActions.bodySizeLimit.
const require = createRequire(import.meta.url);
const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.edge') as {
  encodeReply: (v: unknown) => Promise<string | FormData>;
};
const bytes = require('next/dist/compiled/bytes') as { parse: (s: string) => number };
const sentBytes = async (args: unknown[]) => {
  const body = await encodeReply(args);
  return typeof body === 'string'
    ? new TextEncoder().encode(body).byteLength
    : (await new Response(body).arrayBuffer()).byteLength;
};

const form = (entries: Record<string, string | File>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
};

describe('actionBodyBytes', () => {
  it('uses the limit next.config.js gives Next', () => {
    const config = fs.readFileSync(path.join(import.meta.dirname, '../../next.config.js'), 'utf8');
    const limit = /serverActions:\s*\{\s*bodySizeLimit:\s*'([^']+)'/.exec(config)?.[1];
    expect(limit).toBeDefined();
    expect(bytes.parse(limit!)).toBe(ACTION_BODY_LIMIT_BYTES);
  });

  it('is never below what the browser sends, and close to it: text, line breaks, quotes, multi-byte characters, files', async () => {
    const lines = (s: string, n: number) => Array.from({ length: n }, (_, i) => `${s}${i}`).join('\n');
    const cases: unknown[][] = [
      [
        {
          integrationId: 'int_abcdefghij0123456789',
          kind: 'group.add_member',
          targetId: '00g',
          text: lines('ada@example.com', 20_000),
        },
      ],
      [{ text: lines('"Élodie","山田 太郎","$x\\"', 5_000) }],
      [{ text: '\u0001\u001f'.repeat(10_000) }],
      [
        form({
          integrationId: 'int_abcdefghij0123456789',
          keyId: 'kid',
          privateKey: lines('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 3_000),
        }),
      ],
      [
        form({
          privateKey: 'é\r\n'.repeat(20_000),
          file: new File(['x'.repeat(50_000)], 'users.csv', { type: 'text/csv' }),
        }),
      ],
    ];
    for (const args of cases) {
      const sent = await sentBytes(args);
      const estimate = actionBodyBytes(args);
      expect(estimate).toBeGreaterThanOrEqual(sent);
      expect(estimate - sent).toBeLessThan(4096);
    }
  });
});

describe('callAction', () => {
  const big = 'é'.repeat(600_000); // 600,000 characters, 1.2 MB of UTF-8

  it('answers input over the limit itself, saying the limit, and sends nothing', async () => {
    const action = vi.fn((_: unknown) => Promise.resolve(ok(undefined)));
    const r = await callAction(action, form({ privateKey: big }), 'Paste only the key.');
    expect(r).toEqual({
      ok: false,
      code: 'too_large',
      error:
        'Too large to send: this is about 1.2 MB, and the console accepts at most 1 MB in one request. Paste only the key.',
      fieldErrors: undefined,
    });
    expect((await callAction(action, { text: big })).ok).toBe(false);
    expect(action).not.toHaveBeenCalled();
    expect(await callAction(action, { text: 'ada@example.com' })).toEqual(ok(undefined));
    expect(action).toHaveBeenCalledOnce();
  });

  it('turns a request that failed before the action ran into a message; a redirect passes through', async () => {
    const refused = await callAction(
      () => Promise.reject(new Error('An error occurred in the Server Components render (digest 123)')),
      {},
    );
    expect(refused).toMatchObject({
      ok: false,
      code: 'internal',
      error: expect.stringContaining('over 1 MB') as unknown,
    });
    expect((refused as { error: string }).error).not.toMatch(/digest/);
    await expect(callAction(() => Promise.resolve(redirect('/integrations')), {})).rejects.toThrow('NEXT_REDIRECT');
  });
});
