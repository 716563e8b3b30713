import { defineConfig } from 'vitest/config';

// One run covers every package: unit tests (*.test.ts) and integration tests (*.int.test.ts)
// against the machine's real PostgreSQL and Redis. The global setup creates a scratch database
// and Redis prefix for this run and removes them afterwards.
export default defineConfig({
  test: {
    include: [
      '{core,api,workers,sdk,migrations,openapi,meta-sandbox,portal,scripts,testkit}/**/*.test.ts',
      // Browser tests: playwright-core driving Debian's Chromium against the real platform.
      'portal/test/**/*.spec.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['./testkit/src/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
