import { join } from 'node:path';
import type { HuiyingConfig } from '../config/load-config.ts';
import { DEFAULTS } from '../config/defaults.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';

export type DatabaseWorkload = keyof typeof DEFAULTS.pgliteSharedBuffers;

/**
 * The one place that picks the database: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise (in
 * `dataDirectory`/pglite). Only the chosen driver is loaded. Migrates before returning.
 */
export async function openDatabase(
  config: Pick<HuiyingConfig, 'databaseUrl' | 'dataDirectory'>,
  options: {
    /**
     * What the process will do: `server` (serve, ingest, eval, bench) gets PGlite's large buffer pool, so searches
     * find the index in memory; `command` (a quick look such as `huiying cases`) a small one, which starts faster
     * and uses a fraction of the memory. No effect on a PostgreSQL server. @default 'server'
     */
    workload?: DatabaseWorkload;
  } = {},
): Promise<Database> {
  const database = config.databaseUrl
    ? await (await import('./pg-database.ts')).openPgDatabase({ connectionString: config.databaseUrl })
    : await (
        await import('./pglite-database.ts')
      ).openPgliteDatabase({
        dataDirectory: join(config.dataDirectory, 'pglite'),
        sharedBuffers: DEFAULTS.pgliteSharedBuffers[options.workload ?? 'server'],
      });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
