import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatedSecretsProblem } from './shared-secrets';

// On Postgres, the database several instances share, secrets generated per instance would differ: the console
// refuses to start with a message that says what to set.
const key = randomBytes(32).toString('base64');
const PG = 'postgres://postgres@127.0.0.1:5432/console';

describe('secrets of a shared database', () => {
  it('needs both secrets from the environment on Postgres, and names the missing one', () => {
    expect(generatedSecretsProblem({ DATABASE_URL: PG, APP_ENCRYPTION_KEY: key, AUTH_SECRET: key })).toBeUndefined();
    expect(generatedSecretsProblem({ DATABASE_URL: PG })).toMatch(/^APP_ENCRYPTION_KEY and AUTH_SECRET are not set/);
    const one = generatedSecretsProblem({ DATABASE_URL: PG, APP_ENCRYPTION_KEY: key });
    expect(one).toMatch(/^AUTH_SECRET is not set.*DATA_DIR\/auth-secret/);
    expect(one).not.toContain(key);
  });

  it('lets one SQLite process generate its own', () => {
    expect(generatedSecretsProblem({})).toBeUndefined();
    expect(generatedSecretsProblem({ DATABASE_URL: 'file:./data/x.db' })).toBeUndefined();
  });

  it('a console started on Postgres without them exits 1 with the message, before touching the database', async () => {
    // Port 1: nothing listens, so a console that went on to use the database would not exit this way.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      NODE_ENV: 'production',
    };
    delete env.APP_ENCRYPTION_KEY;
    delete env.AUTH_SECRET;
    const child = spawn(
      process.execPath,
      [
        '--conditions=react-server',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "const { startConsole } = await import('./lib/startup.ts'); await startConsole();",
      ],
      { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    const line = stderr.split('\n').find((l) => l.includes('"startup_refused"'));
    expect((JSON.parse(line!) as { reason: string }).reason).toMatch(/^APP_ENCRYPTION_KEY and AUTH_SECRET are not set/);
  });
});
