import { openTestPglite } from '../support/test-databases.ts';
import { runDatabaseSuite } from './database-suite.ts';

runDatabaseSuite({ name: 'PGlite in-process', open: openTestPglite });
