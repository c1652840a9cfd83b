import { openTestPgOverWire } from '../support/test-databases.ts';
import { runDatabaseSuite } from './database-suite.ts';

runDatabaseSuite({ name: 'pg over the wire (pglite-socket on 127.0.0.1)', open: openTestPgOverWire });
