import { startDemoOrg } from './demo';
import { SEED_PRESETS, type SeedName } from './seed/generate';

// `npm run sim [-- --port 7070] [--seed demo|small|large|huge] [--rate-limits]`: a demo org for
// developing and demoing the console without an Okta tenant.
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > -1 ? process.argv[i + 1] : undefined;
};
const port = Number(arg('--port') ?? process.env.SIM_PORT ?? 7070);
const seed = (arg('--seed') ?? 'demo') as SeedName;
if (!(seed in SEED_PRESETS)) throw new Error(`--seed must be one of ${Object.keys(SEED_PRESETS).join(', ')}`);
const rateLimits = process.argv.includes('--rate-limits');

const org = await startDemoOrg({ port, rateLimits, seed });
console.log(`Okta simulator (demo org) listening
  Okta domain : ${org.origin}
  Client ID   : ${org.clientId}
  Key ID (kid): ${org.kid}
  Private key : ${org.keyFile}
  Control     : ${org.origin}/__sim/stats, POST ${org.origin}/__sim/reset
  Seed        : ${seed}
  Rate limits : ${rateLimits ? 'on (Workforce buckets)' : 'off (pass --rate-limits to enforce)'}`);

const stop = () => {
  void org.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
