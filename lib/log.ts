import 'server-only';

import { env } from '@/lib/env';
import { AsyncLocalStorage } from 'node:async_hooks';

// Structured one-line logs. Every string passes through redact(), so a private key or token that ends
// up in an error by accident is not written to the log.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

const PATTERNS: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g, '[redacted PEM]'],
  [/"(d|p|q|dp|dq|qi|k)"\s*:\s*"[^"]*"/g, '"$1":"[redacted]"'],
  [/\b(Bearer|DPoP|SSWS)\s+[A-Za-z0-9._~+/=-]{16,}/g, '$1 [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g, '[redacted JWT]'],
  [/\boac_[A-Za-z0-9_-]{16,}/g, 'oac_[redacted]'], // automation API tokens, wherever they appear
];

export function redact(text: string): string {
  return PATTERNS.reduce((s, [re, sub]) => s.replace(re, sub), text);
}

// Fields every line written while serving one request carries (its request id, lib/request-id.ts). On globalThis:
// the production build bundles this module into several server chunks, which must share one store.
type Context = { requestId?: string };
const g = globalThis as unknown as { consoleLogContext?: AsyncLocalStorage<Context> };
const context = (g.consoleLogContext ??= new AsyncLocalStorage<Context>());

/** Runs `fn` with `ctx` added to every log line it writes, however deep. */
export const withLogContext = <T>(ctx: Context, fn: () => T): T => context.run(ctx, fn);

function write(level: Level, event: string, fields: Record<string, unknown> = {}) {
  if (LEVELS[level] < LEVELS[env.LOG_LEVEL]) return;
  const ctx = context.getStore();
  const line = redact(JSON.stringify({ t: new Date().toISOString(), level, event, ...ctx, ...fields }, errorReplacer));
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}

function errorReplacer(_key: string, value: unknown) {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}

export const log = {
  debug: (event: string, fields?: Record<string, unknown>) => write('debug', event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write('info', event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write('warn', event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write('error', event, fields),
};
