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
      command: `node node_modules/tsx/dist/cli.mjs sim/okta/cli.ts --port ${SIM_PORT}`,
      url: `http://127.0.0.1:${SIM_PORT}/__sim/stats`,
      timeout: 60_000,
      reuseExistingServer: false,
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
      },
    },
  ],
});
