import { defineConfig } from 'vitest/config';

// With a real PostgreSQL server (.ci/run starts one with test/support/test-postgres.sh), these files run a second time
// on it, as the project `server`: each of their databases is a database of its own there (test/support/test-databases.ts).
const ON_THE_SERVER_TOO = [
  'test/review/review-workflow.test.ts',
  'test/review/outbox-and-deadlines.test.ts',
  'test/review/exactly-once-delivery.test.ts',
  'test/review/talking-points.test.ts',
  'test/review/drafting-workers.test.ts',
  'test/console/console-http.test.ts',
];
const server = Boolean(process.env.HUIYING_TEST_DATABASE_URL);
if (!server)
  console.warn(
    `[skipped] ${ON_THE_SERVER_TOO.length} test files on a real PostgreSQL server: HUIYING_TEST_DATABASE_URL is not set (.ci/run starts one).`,
  );

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are heavy (WASM); two workers match the two cores this project is built on.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      { extends: true, test: { name: 'all', include: ['test/**/*.test.ts'] } },
      ...(server
        ? [
            {
              extends: true as const,
              test: { name: 'server', include: ON_THE_SERVER_TOO, env: { HUIYING_TEST_DRIVER: 'server' } },
            },
          ]
        : []),
    ],
  },
});
