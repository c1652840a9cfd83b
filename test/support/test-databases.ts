import pg from 'pg';
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

/** The real PostgreSQL server that `.ci/run` starts with test/support/test-postgres.sh; undefined without one. */
export const TEST_SERVER_URL = process.env.HUIYING_TEST_DATABASE_URL || undefined;
/** The same server's superuser, for tests that break what only a superuser can (dropping the extension). */
export const TEST_SUPERUSER_URL = process.env.HUIYING_TEST_SUPERUSER_URL || undefined;

/** Which driver the shared test files run on: the vitest project `server` sets it (vitest.config.ts). */
export function testDriver(): 'pglite' | 'server' {
  return process.env.HUIYING_TEST_DRIVER === 'server' ? 'server' : 'pglite';
}

/** A new, migrated database on the driver this test project runs on (PGlite in-process, or the real server). */
export async function openTestDatabase(): Promise<Database> {
  return testDriver() === 'server' ? openTestServerDatabase() : openTestPglite();
}

let created = 0;

/**
 * A new database of its own on the test server, copied from `huiying_template` (which holds the vector extension a
 * superuser created) and migrated; dropped again by `close`. Tests run two files at once: they never share one.
 */
export async function createTestServerDatabase(
  options: { serverUrl?: string } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = options.serverUrl ?? TEST_SERVER_URL;
  if (!serverUrl) throw new Error('HUIYING_TEST_DATABASE_URL is not set (test/support/test-postgres.sh start)');
  created += 1;
  const name = `huiying_test_${process.pid}_${created}_${Math.random().toString(36).slice(2, 8)}`;
  await asApplicationRole(serverUrl, `CREATE DATABASE ${name} TEMPLATE huiying_template`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asApplicationRole(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** A new, migrated database on the test server (see createTestServerDatabase). */
export async function openTestServerDatabase(): Promise<Database> {
  const { url, drop } = await createTestServerDatabase();
  const database = await openPgDatabase({ connectionString: url });
  await migrate(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

async function asApplicationRole(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A migrated database that a child process can open too, on this project's driver: an embedded data directory under
 * `folder` (by name), or a database of its own on the test server (its URL). Open it with `openTestDatabaseAt`.
 */
export async function createTestDatabaseLocation(
  folder: { path(name: string): string },
  name: string,
): Promise<string> {
  if (testDriver() === 'server') {
    const { url } = await createTestServerDatabase();
    const database = await openTestDatabaseAt(url);
    await database.close();
    return url;
  }
  const dataDirectory = folder.path(name);
  await createTestDataDirectory(dataDirectory);
  return dataDirectory;
}

/** Opens and migrates the database at a location made by createTestDatabaseLocation. */
export async function openTestDatabaseAt(location: string): Promise<Database> {
  const database = /^postgres(ql)?:\/\//.test(location)
    ? await openPgDatabase({ connectionString: location })
    : await openPgliteDatabase({ dataDirectory: location });
  await migrate(database);
  return database;
}
