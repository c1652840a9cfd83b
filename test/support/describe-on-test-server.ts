import { describe } from 'vitest';
import { TEST_SERVER_URL } from './test-databases.ts';

/**
 * Registers `suite` when there is a test server; otherwise registers it skipped and says why, visibly. With
 * `ownCluster`, the suite also starts clusters of its own (to stop and start them), which test-postgres.sh can only do
 * where it started the shared one (as root).
 */
export function describeOnTestServer(title: string, suite: () => void, options: { ownCluster?: boolean } = {}): void {
  const missing = !TEST_SERVER_URL
    ? 'HUIYING_TEST_DATABASE_URL is not set (.ci/run starts a server with test/support/test-postgres.sh)'
    : options.ownCluster && !process.env.HUIYING_TEST_POSTGRES_DIR
      ? 'HUIYING_TEST_POSTGRES_DIR is not set: the server was not started by test/support/test-postgres.sh here'
      : undefined;
  if (!missing) {
    describe(title, suite);
    return;
  }
  console.warn(`[skipped] ${title}: ${missing}.`);
  describe.skip(title, suite);
}
