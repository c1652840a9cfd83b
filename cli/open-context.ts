import { join, resolve } from 'node:path';
import { loadConfig, type HuiyingConfig } from '../config/load-config.ts';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open-database.ts';
import { openPgliteDatabase } from '../db/pglite-database.ts';
import { createEmbedder } from '../embed/create-embedder.ts';
import type { Embedder } from '../embed/embedder.ts';

export type Context = { config: HuiyingConfig; database: Database; embedder: Embedder; close: () => Promise<void> };

/**
 * Loads the configuration and opens the configured database and embedder. `dataDirectory` (from --data-dir) gives
 * an embedded database of its own there, which eval and bench use so they never touch the production database.
 */
export async function openContext(options: { dataDirectory?: string } = {}): Promise<Context> {
  const config = loadConfig();
  const embedder = createEmbedder(config.embedder);
  let database: Database;
  if (options.dataDirectory) {
    database = await openPgliteDatabase({ dataDirectory: join(resolve(options.dataDirectory), 'pglite') });
    await migrate(database);
  } else {
    database = await openDatabase(config);
  }
  return { config, database, embedder, close: () => database.close() };
}
