import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startDemoOrg } from './demo';
import { SEED_PRESETS, type SeedName } from './seed/generate';

// `npm run sim [-- --port 7070] [--seed demo|small|large|huge] [--rate-limits] [--console-url URL]`: a demo
// org for developing and demoing the console without an Okta tenant.
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > -1 ? process.argv[i + 1] : undefined;
};
const port = Number(arg('--port') ?? process.env.SIM_PORT ?? 7070);
const seed = (arg('--seed') ?? 'demo') as SeedName;
if (!(seed in SEED_PRESETS)) throw new Error(`--seed must be one of ${Object.keys(SEED_PRESETS).join(', ')}`);
const rateLimits = process.argv.includes('--rate-limits');
const consoleUrl = arg('--console-url') ?? process.env.SIM_CONSOLE_URL ?? 'http://localhost:3000';

/** The sign-in app's secret: SIM_SIGNIN_CLIENT_SECRET, or one kept in a 0600 file so it survives restarts. */
async function signInSecret(): Promise<{ secret: string; file?: string }> {
  if (process.env.SIM_SIGNIN_CLIENT_SECRET) return { secret: process.env.SIM_SIGNIN_CLIENT_SECRET };
  const file = path.resolve('data/sim/demo-signin-client-secret');
  let secret: string;
  try {
    secret = (await readFile(file, 'utf8')).trim();
  } catch {
    secret = randomBytes(30).toString('base64url');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, secret, { mode: 0o600 });
  }
  await chmod(file, 0o600);
  return { secret, file };
}

const { secret, file } = await signInSecret();
const org = await startDemoOrg({
  port,
  rateLimits,
  seed,
  signIn: { consoleUrl, clientSecret: secret, clientId: process.env.SIM_SIGNIN_CLIENT_ID || undefined },
});
console.log(`Okta simulator (demo org) listening
  Okta domain : ${org.origin}
  Client ID   : ${org.clientId}
  Key ID (kid): ${org.kid}
  Private key : ${org.keyFile}
  Sign-in app : client ID ${org.signIn?.clientId}, secret ${file ? `in ${file}` : 'from SIM_SIGNIN_CLIENT_SECRET'}, for ${consoleUrl}
  Control     : ${org.origin}/__sim/stats, POST ${org.origin}/__sim/reset
  Seed        : ${seed}
  Rate limits : ${rateLimits ? 'on (Workforce buckets)' : 'off (pass --rate-limits to enforce)'}`);

const stop = () => {
  void org.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
