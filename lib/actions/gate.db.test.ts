import { db, dbReady, schema } from '@/db';
import type { ApiRouteMeta } from '@/lib/api/v1/gate';
import type { SessionUser } from '@/lib/auth/current-user';
import type { Role } from '@/lib/auth/roles';
import { who } from '@/test/session';
import { count } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActionMeta } from './action';
import type { ActionResult } from './result';

// Every exported server action and route handler is found by walking the source, then called as an
// anonymous visitor, with a role too low, and with invalid input. Nothing may get through, and invalid
// input must change nothing in the database.
vi.mock('@/lib/auth/current-user', () => import('@/test/session'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('next/headers', () => ({ headers: () => Promise.resolve(new Headers({ 'x-forwarded-for': '127.0.0.9' })) }));

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOWER: Record<Role, Role[]> = { admin: ['operator', 'viewer'], operator: ['viewer'], viewer: [] };
/** Actions a signed-out visitor may call, and what protects them instead of a session. */
const PUBLIC_ACTIONS: Record<string, string> = { 'console_user.create_first_admin': 'the one-time first-run token' };
/** Route handlers outside defineRoute, and why. */
const EXEMPT_ROUTES: Record<string, string> = {
  'app/api/auth/[...nextauth]/route.ts': "next-auth's own sign-in endpoints",
  'app/api/health/route.ts': 'liveness for a load balancer: answers that the process runs, nothing more',
  'app/api/ready/route.ts': 'readiness for a proxy: names the check that failed, nothing more (lib/health.ts)',
  'app/api/metrics/route.ts': 'a scraper holding METRICS_TOKEN; 404 without that setting (lib/metrics-route.ts)',
};

type Action = ((...args: unknown[]) => Promise<ActionResult<unknown>>) & { meta?: ActionMeta };
type Route = ((req: Request, ctx?: unknown) => Promise<Response>) & {
  meta?: { name: string; role: Role } | ApiRouteMeta;
};

function walk(dir: string, match: (f: string) => boolean, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, match, out);
    else if (match(p)) out.push(path.relative(ROOT, p));
  }
  return out;
}

const serverFiles = walk(
  ROOT,
  (f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && /^\s*['"]use server['"]/.test(fs.readFileSync(f, 'utf8')),
);
const routeFiles = walk(path.join(ROOT, 'app'), (f) => /route\.ts$/.test(f));
/** The automation API authenticates with API tokens (defineApiRoute), not sessions. */
const isApiV1 = (file: string) => file.startsWith('app/api/v1/');
const user = (role: Role): SessionUser => ({
  id: `usr_${'x'.repeat(20)}`,
  email: `${role}@example.com`,
  name: role,
  role,
});

async function tableCounts() {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(schema))
    out[name] = (await db.select({ n: count() }).from(table as typeof schema.auditEvents))[0]!.n;
  return out;
}

const actions: Array<{ file: string; name: string; fn: Action }> = [];
const routes: Array<{ file: string; method: string; fn: Route }> = [];

beforeAll(async () => {
  await dbReady();
  for (const file of serverFiles) {
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) actions.push({ file, name, fn: fn as Action });
  }
  for (const file of routeFiles) {
    if (EXEMPT_ROUTES[file]) continue;
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
      if (mod[method]) routes.push({ file, method, fn: mod[method] as Route });
  }
});

describe('the authorisation gate', () => {
  it('finds the server actions (the walk itself works)', () => {
    expect(serverFiles).toContain('lib/actions/console-users.ts');
    expect(actions.length).toBeGreaterThanOrEqual(4);
  });

  it('every exported server action goes through defineAction', () => {
    const unwrapped = actions.filter((a) => typeof a.fn !== 'function' || !a.fn.meta).map((a) => `${a.file}:${a.name}`);
    expect(unwrapped).toEqual([]);
  });

  it('refuses anonymous callers and roles that are too low, recording nothing but the denial', async () => {
    for (const { name, fn } of actions) {
      const meta = fn.meta!;
      if (meta.role === 'public') {
        expect(PUBLIC_ACTIONS[meta.name], `${name} is public but not listed`).toBeDefined();
        continue;
      }
      who.user = null;
      const before = await tableCounts();
      expect(await fn({}), `${name} anonymous`).toMatchObject({ ok: false, code: 'unauthenticated' });
      expect(await tableCounts()).toEqual(before);
      for (const role of LOWER[meta.role]) {
        who.user = user(role);
        expect(await fn({}), `${name} as ${role}`).toMatchObject({ ok: false, code: 'forbidden' });
      }
    }
  });

  it('answers invalid input (object and FormData) with field-level messages and changes nothing', async () => {
    for (const { name, fn } of actions) {
      const meta = fn.meta!;
      who.user = meta.role === 'public' ? null : user(meta.role);
      const before = await tableCounts();
      const fd = new FormData();
      fd.set('unexpected', 'x');
      for (const input of [{}, fd]) {
        const res = await fn(input);
        expect(res, name).toMatchObject({ ok: false, code: 'invalid_input' });
        if (!res.ok) expect(Object.keys(res.fieldErrors ?? {}).length, `${name} field errors`).toBeGreaterThan(0);
      }
      expect(await tableCounts(), name).toEqual(before);
    }
  });

  it('public actions still refuse a caller without their proof', async () => {
    who.user = null;
    const publicOnes = actions.filter((a) => a.fn.meta?.role === 'public');
    expect(publicOnes.map((a) => a.fn.meta!.name).sort()).toEqual(Object.keys(PUBLIC_ACTIONS).sort());
    const firstRun = publicOnes.find((a) => a.fn.meta!.name === 'console_user.create_first_admin')!;
    const before = await tableCounts();
    const res = await firstRun.fn({
      token: 'x'.repeat(43),
      name: 'Mallory',
      email: 'm@example.com',
      password: 'long enough password',
      confirm: 'long enough password',
    });
    expect(res).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await tableCounts()).toEqual(before);
  });

  it('every route handler goes through defineRoute and refuses anonymous and too-low callers', async () => {
    for (const { file, method, fn } of routes.filter((r) => !isApiV1(r.file))) {
      expect(fn.meta && 'role' in fn.meta, `${file} ${method}`).toBe(true);
      if (!fn.meta || !('role' in fn.meta)) continue;
      who.user = null;
      expect((await fn(new Request('http://localhost/x'))).status, `${file} anonymous`).toBe(401);
      for (const role of LOWER[fn.meta.role]) {
        who.user = user(role);
        expect((await fn(new Request('http://localhost/x'))).status, `${file} as ${role}`).toBe(403);
      }
    }
  });

  it('every /api/v1 route goes through defineApiRoute: no token, a wrong one, or a session alone gets 401; a read token gets 403 on writes', async () => {
    const v1 = routes.filter((r) => isApiV1(r.file));
    expect(v1.length).toBeGreaterThanOrEqual(10);
    const { createApiToken } = await import('@/lib/api-tokens/store');
    const { secret } = await createApiToken({
      name: 'gate probe',
      access: 'read',
      integrationIds: [],
      expiresAt: null,
      createdBy: user('admin').id,
    });
    const req = (method: string, authorization?: string) =>
      new Request('http://localhost/api/v1/x', { method, headers: authorization ? { authorization } : {} });
    for (const { file, method, fn } of v1) {
      expect(
        fn.meta && 'gate' in fn.meta && fn.meta.gate === 'api-token',
        `${file} ${method} uses defineApiRoute`,
      ).toBe(true);
      if (!fn.meta || !('gate' in fn.meta)) continue;
      expect(fn.meta.access, `${file} ${method}`).toBe(method === 'GET' ? 'read' : 'write');
      who.user = user('admin'); // a console session is not an API credential
      const anonymous = await fn(req(method));
      expect(anonymous.status, `${file} ${method} without a token`).toBe(401);
      expect(anonymous.headers.get('www-authenticate'), file).toMatch(/^Bearer/);
      expect((await fn(req(method, `Bearer oac_${'x'.repeat(43)}`))).status, `${file} ${method} wrong token`).toBe(401);
      if (method !== 'GET')
        expect((await fn(req(method, `Bearer ${secret}`))).status, `${file} ${method} read token`).toBe(403);
    }
    who.user = null;
  });
});
