import { describe } from 'vitest';
import { TEST_SERVER_URL } from './test-databases.ts';

/** Registers `suite` when there is a test server; otherwise registers it skipped and says why, visibly. */
export function describeOnTestServer(title: string, suite: () => void): void {
  if (TEST_SERVER_URL) {
    describe(title, suite);
    return;
  }
  console.warn(
    `[skipped] ${title}: HUIYING_TEST_DATABASE_URL is not set (.ci/run starts a server with test/support/test-postgres.sh).`,
  );
  describe.skip(title, suite);
}
