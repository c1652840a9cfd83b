import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openPgDatabase } from '../../db/pg-database.ts';
import { openPgliteDatabase } from '../../db/pglite-database.ts';

let template: Promise<Blob> | undefined;

// initdb takes seconds; a migrated data directory dumped once per test process loads in a fraction of that.
async function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const pglite = await PGlite.create({ extensions: { vector } });
    const database = await openPgliteDatabase({ existing: pglite });
    await migrate(database);
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    return dump;
  })();
  return template;
}

/** A new, migrated, in-memory PGlite database. */
export async function openTestPglite(): Promise<Database & { pglite: PGlite }> {
  const pglite = await PGlite.create({ loadDataDir: await migratedTemplate(), extensions: { vector } });
  const database = await openPgliteDatabase({ existing: pglite });
  await migrate(database);
  return { ...database, close: () => pglite.close() };
}

/** A migrated database reached through `pg` over TCP on 127.0.0.1, served by PGlite through pglite-socket. */
export async function openTestPgOverWire(): Promise<Database> {
  const pglite = await PGlite.create({ loadDataDir: await migratedTemplate(), extensions: { vector } });
  const server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1', maxConnections: 4 });
  await server.start();
  const database = await openPgDatabase({
    connectionString: `postgres://postgres:postgres@${server.getServerConn()}/postgres`,
    maxConnections: 4,
  });
  await migrate(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await server.stop();
      await pglite.close();
    },
  };
}

/** A migrated embedded data directory on disk, made from the template instead of by initdb (seconds faster). */
export async function createTestDataDirectory(dataDirectory: string): Promise<void> {
  const pglite = await PGlite.create({
    dataDir: dataDirectory,
    loadDataDir: await migratedTemplate(),
    extensions: { vector },
  });
  await pglite.close();
}
