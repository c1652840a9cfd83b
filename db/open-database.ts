import { join } from 'node:path';
import type { HuiyingConfig } from '../config/load-config.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { openPgDatabase } from './pg-database.ts';
import { openPgliteDatabase } from './pglite-database.ts';

/** The one place that picks the database: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise. Migrates before returning. */
export async function openDatabase(config: Pick<HuiyingConfig, 'databaseUrl' | 'dataDirectory'>): Promise<Database> {
  const database = config.databaseUrl
    ? await openPgDatabase({ connectionString: config.databaseUrl })
    : await openPgliteDatabase({ dataDirectory: join(config.dataDirectory, 'pglite') });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
