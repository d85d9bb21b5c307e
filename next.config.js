// @ts-check
const isHttps = (process.env.APP_URL ?? '').startsWith('https://');

// The Content-Security-Policy is set per response, with a nonce, in proxy.ts (lib/security/csp.ts).
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ...(isHttps ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A self-contained server in .next/standalone (README "Deploying"): server.js with only the node_modules it needs;
  // the migrations ride along (db/client.ts reads them at start-up).
  output: 'standalone',
  outputFileTracingIncludes: { '/*': ['./db/migrations/**/*'] },
  // `npm test` runs tsc over the whole repo (app, sim, bench) first; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  serverExternalPackages: ['better-sqlite3', 'pg', '@okta/okta-sdk-nodejs', 'prom-client'],
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: '1mb' },
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
