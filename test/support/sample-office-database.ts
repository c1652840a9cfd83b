import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../db/database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { fixtureFolder } from './fixture-folder.ts';
import { openTestDatabase } from './test-databases.ts';

/**
 * Registers hooks that give a test file a fresh database holding the sample office, ingested from a copy of it.
 * Read `database` inside tests (it is set before the first one runs).
 */
export function useSampleOfficeDatabase(): {
  readonly database: Database;
  embedder: HashingEmbedder;
  folder: ReturnType<typeof fixtureFolder>;
} {
  const embedder = new HashingEmbedder({ dimensions: 64 });
  const folder = fixtureFolder({ withSampleOffice: true });
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
    await ingestSources({ database, embedder, inputs: [folder.root] });
  });
  afterAll(async () => {
    await database?.close();
    folder.remove();
  });
  return {
    get database() {
      if (!database) throw new Error('The sample office database is only available inside tests.');
      return database;
    },
    embedder,
    folder,
  };
}
