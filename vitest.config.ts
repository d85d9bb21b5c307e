import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

// Two projects: every test on SQLite, and the storage tests (`*.db.test.ts`) again on Postgres when
// TEST_DATABASE_URL is set. test/setup-db.ts gives each file its own data directory and database.
export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside the react-server condition; tests run plain Node.
      'server-only': path.join(root, 'test/server-only-stub.ts'),
    },
  },
  test: {
    environment: 'node',
    // Deadlines that only stop a hung test: CI's machine may be busy (a load of 20 on 2 cores makes 25 password
    // hashes in a row take over 30 s). No test waits for a time; each waits for its condition.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['test/setup-db.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**'],
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['**/*.test.ts'], exclude: ['node_modules/**', '.next/**', 'e2e/**'] },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: { name: 'postgres', include: ['**/*.db.test.ts'], env: { VITEST_DB: 'pg' } },
            },
          ]
        : []),
    ],
  },
});
