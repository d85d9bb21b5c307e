import { startDemoOrg } from './demo';

// `npm run sim [-- --port 7070]`: a demo org for developing and demoing the console without Okta.
const argIndex = process.argv.indexOf('--port');
const port = Number(argIndex > -1 ? process.argv[argIndex + 1] : (process.env.SIM_PORT ?? 7070));
const rateLimits = process.argv.includes('--rate-limits');

const org = await startDemoOrg({ port, rateLimits });
console.log(`Okta simulator (demo org) listening
  Okta domain : ${org.origin}
  Client ID   : ${org.clientId}
  Key ID (kid): ${org.kid}
  Private key : ${org.keyFile}
  Control     : ${org.origin}/__sim/stats, POST ${org.origin}/__sim/reset
  Rate limits : ${rateLimits ? 'on (Workforce buckets)' : 'off (pass --rate-limits to enforce)'}`);

const stop = () => {
  void org.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
