import { describeOnTestServer } from '../support/describe-on-test-server.ts';
import { openTestServerDatabase } from '../support/test-databases.ts';
import { runDatabaseSuite } from './database-suite.ts';

describeOnTestServer('PostgreSQL 15 server with pgvector', () =>
  runDatabaseSuite({ name: 'a real PostgreSQL server', open: openTestServerDatabase }),
);
