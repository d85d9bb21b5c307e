import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, sleep, stopGroup } from './server';

const ROOT = path.join(import.meta.dirname, '../..');

export type ConsoleServer = {
  origin: string;
  output(): string;
  /** CPU time (user + system, ms) used so far by the server's processes; null where /proc is missing. */
  cpuMs(): number | null;
  stop(): Promise<void>;
};

// Linux: utime and stime (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms) of every process in
// the group next start leads, so the figure does not depend on how busy the rest of the machine is.
function groupCpuMs(pgid: number): number | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* exited meanwhile */
    }
  }
  return ticks * 10;
}

/** `next start` on the existing build, on a free port of 127.0.0.1, until /sign-in answers 200. */
export async function startConsole(env: Record<string, string>, timeoutMs = 120_000): Promise<ConsoleServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { NODE_OPTIONS: _inherited, ADMIN_EMAIL: _email, ADMIN_PASSWORD: _password, ...base } = process.env;
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      env: {
        ...base,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        APP_URL: origin,
        LOG_LEVEL: 'warn',
        ...env,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const server = { origin, output: () => output, cpuMs: () => groupCpuMs(child.pid!), stop: () => stopGroup(child) };
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output.slice(-2_000)}`);
    try {
      const res = await fetch(`${origin}/sign-in`, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status === 200) return server;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  await server.stop();
  throw new Error(`next start did not answer 200 on /sign-in within ${timeoutMs / 1000} s:\n${output.slice(-2_000)}`);
}

const cookiePairs = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

/** Signs in through next-auth's credentials endpoint (CSRF token first); returns the Cookie header of the session. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookies = cookiePairs(csrfRes);
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/integrations`, json: 'true' }),
  });
  await res.arrayBuffer();
  const session = cookiePairs(res).find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`sign-in failed: ${res.status} ${res.headers.get('location') ?? ''}`);
  return session;
}
