import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium (Playwright cannot download browsers here) with the flags that keep it off the network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const PORT = Number(process.env.E2E_PORT ?? 3210);
export const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 7171);
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** The demo org's sign-in app (sim/okta/demo.ts DEMO_SIGN_IN), registered for this console with a test secret. */
const SIGN_IN_SECRET = 'e2e-sign-in-client-secret-e2e-sign-in';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Deadlines that only stop a hung test: CI's machine may be busy (at a load of 15–20 on 2 cores a page can take
  // 20 s). Tests wait for what they expect to see, never for a time.
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  // The foundation story creates the first admin through the first-run link; every other spec signs in as that admin.
  projects: [
    { name: 'foundation', testMatch: /foundation\.spec\.ts/, use: { ...devices['Desktop Chrome'] } },
    {
      name: 'console',
      testIgnore: /foundation\.spec\.ts/,
      dependencies: ['foundation'],
      use: { ...devices['Desktop Chrome'] },
    },
  ],
  webServer: [
    {
      // The simulator's demo org; tests create their own service apps through its control plane.
      command: `node node_modules/tsx/dist/cli.mjs sim/okta/cli.ts --port ${SIM_PORT} --console-url ${BASE_URL}`,
      url: `http://127.0.0.1:${SIM_PORT}/__sim/stats`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { SIM_SIGNIN_CLIENT_SECRET: SIGN_IN_SECRET },
    },
    {
      command: 'node scripts/e2e-server.mjs',
      url: `${BASE_URL}/sign-in`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        APP_URL: BASE_URL,
        // The simulator, and a port where nothing listens (the 'unreachable domain' case).
        OKTA_ALLOWED_ORIGINS: `http://127.0.0.1:${SIM_PORT},http://127.0.0.1:${SIM_PORT + 28}`,
        // Test only: grants as short as 5 s, so e2e/grants.spec.ts sees one end (the default minimum is 60 s).
        GRANT_MIN_SECONDS: '5',
        // Sign-in with Okta through the demo org; roles re-read every second, so e2e/okta-sign-in.spec.ts sees a
        // removal from the admin group on its next page load (the default is 300 s).
        OKTA_SIGNIN_ISSUER: `http://127.0.0.1:${SIM_PORT}`,
        OKTA_SIGNIN_CLIENT_ID: '0oademoConsoleSignIn',
        OKTA_SIGNIN_CLIENT_SECRET: SIGN_IN_SECRET,
        OKTA_SIGNIN_ROLE_GROUPS: 'admin:Console Admins;operator:Access Ops;viewer:Console Viewers',
        OKTA_SIGNIN_LABEL: 'Sign in with Okta (demo org)',
        OKTA_SIGNIN_ROLE_RECHECK_SECONDS: '1',
      },
    },
  ],
});
