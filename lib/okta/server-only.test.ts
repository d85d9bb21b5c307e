import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Pure modules: no I/O, no private key material. Everything else must refuse to load in a client bundle.
const PURE = new Set([
  'backoff.ts',
  'buckets.ts',
  'clock.ts',
  'diagnose-copy.ts',
  'domain.ts',
  'errors.ts',
  'headers.ts',
  'ids.ts',
  'jwk.ts',
  'limiter.ts',
  'link-header.ts',
  'log-events.ts',
  'path.ts',
  'response-error.ts',
  'schemas.ts',
  'types.ts',
]);

describe("lib/okta's server-only guard", () => {
  const dir = import.meta.dirname;
  const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it.each(modules.filter((f) => !PURE.has(f)))('%s starts with import "server-only"', (file) => {
    const first = readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .find((l) => l.trim() !== '' && !l.startsWith('//'));
    expect(first).toBe("import 'server-only';");
  });

  it('pure modules import nothing that does I/O or holds keys', () => {
    for (const file of PURE) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect(text, file).not.toMatch(
        /from '(undici|node:http|node:net|\.\/(http|client|token|dpop|key-parse|assertion|transport|api))'/,
      );
    }
  });

  it('index.ts is guarded, so a client component importing @/lib/okta fails the build', () => {
    expect(readFileSync(path.join(dir, 'index.ts'), 'utf8').startsWith("import 'server-only';")).toBe(true);
  });
});
