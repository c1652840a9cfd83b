import { openTestServerDatabase, TEST_SERVER_URL } from '../support/test-databases.ts';
import { runDatabaseSuite } from './database-suite.ts';

if (TEST_SERVER_URL) runDatabaseSuite({ name: 'a PostgreSQL 15 server with pgvector', open: openTestServerDatabase });
else
  console.warn(
    '[skipped] database suite on a PostgreSQL server: HUIYING_TEST_DATABASE_URL is not set (.ci/run starts one).',
  );
