import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openPgDatabase } from '../../db/pg-database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { reindexDocuments } from '../../ingest/reindex-documents.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import { describeOnTestServer } from '../support/describe-on-test-server.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import {
  createTestServerDatabase,
  openTestPglite,
  TEST_SERVER_URL,
  TEST_SUPERUSER_URL,
} from '../support/test-databases.ts';

const embedder = new HashingEmbedder({ dimensions: 64 });
const folder = fixtureFolder({ withSampleOffice: true });
afterAll(() => folder.remove());
const question = '青禾市政府信息公开实施办法第九条';

/**
 * Ingests the sample office, has the extension dropped with CASCADE behind huiying's back (`asOwner` runs SQL as
 * someone allowed to), and follows the errors and their fixes back to a working search.
 */
async function dropAndRecover(options: {
  database: Database;
  reopen: () => Promise<Database>;
  asOwner: (sql: string) => Promise<void>;
  where: RegExp;
}): Promise<void> {
  const { database } = options;
  await ingestSources({ database, embedder, inputs: [folder.root] });
  await options.asOwner('DROP EXTENSION vector CASCADE');

  // The running process: a clear error, no "Unexpected error".
  const searching = hybridSearch({ database, embedder, query: question });
  await expect(searching).rejects.toMatchObject({
    code: 'database-extension-missing',
    message: expect.stringMatching(/Ask a superuser to run `CREATE EXTENSION vector;` in/),
  });
  await expect(searching).rejects.toThrow(options.where);
  await expect(ingestSources({ database, embedder, inputs: [folder.root] })).rejects.toMatchObject({
    code: 'database-extension-missing',
  });

  // The next start says the same; once the extension is back, it says how to rebuild the column that went with it.
  await expect(options.reopen()).rejects.toMatchObject({ code: 'database-extension-missing' });
  await options.asOwner('CREATE EXTENSION vector');
  await expect(options.reopen()).rejects.toMatchObject({
    code: 'database-extension-missing',
    message: expect.stringMatching(
      /chunks\.embedding is missing .*ALTER TABLE chunks ADD COLUMN embedding vector;.*huiying reindex/,
    ),
  });
  await database.exec('ALTER TABLE chunks ADD COLUMN embedding vector');
  const reopened = await options.reopen();
  await reindexDocuments({ database: reopened, embedder });
  expect((await hybridSearch({ database: reopened, embedder, query: question, limit: 3 }))[0]?.articleLabel).toBe(
    '第九条',
  );
}

describe('the vector extension dropped from the embedded database (PGlite)', () => {
  it('is reported, with the fix, by a running process and at the next start, and can be recovered from', async () => {
    const database = await openTestPglite();
    try {
      await dropAndRecover({
        database,
        reopen: async () => {
          await migrate(database);
          return database;
        },
        asOwner: (sql) => database.exec(sql),
        where: /the embedded database in memory/,
      });
    } finally {
      await database.close();
    }
  });
});

describeOnTestServer('the vector extension on a PostgreSQL server', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('asks a superuser to install it in this database when the role may not', async () => {
    const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
    const name = `huiying_without_vector_${process.pid}`;
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
    await admin.end();
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: TEST_SERVER_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    });
    const url = new URL(TEST_SERVER_URL!);
    url.pathname = `/${name}`;
    await expect(openPgDatabase({ connectionString: url.toString() })).rejects.toMatchObject({
      code: 'database-extension-missing',
      message: expect.stringMatching(
        new RegExp(
          `not installed in database "${name}", and the role "huiying" may not install it .*Ask a superuser to run \`CREATE EXTENSION vector;\` in database "${name}"`,
        ),
      ),
    });
  });

  it('is reported, with the fix, after DROP EXTENSION vector CASCADE, by a running process and at the next start', async () => {
    const { url, drop } = await createTestServerDatabase();
    cleanups.push(drop);
    const open = async () => {
      const database = await openPgDatabase({ connectionString: url });
      cleanups.push(() => database.close());
      await migrate(database);
      return database;
    };
    const superuserUrl = new URL(TEST_SUPERUSER_URL!);
    superuserUrl.pathname = new URL(url).pathname;
    await dropAndRecover({
      database: await open(),
      reopen: open,
      asOwner: async (sql) => {
        const client = new pg.Client({ connectionString: superuserUrl.toString() });
        await client.connect();
        await client.query(sql);
        await client.end();
      },
      where: /database "huiying_test_\w+" at postgres:\/\/huiying:\*\*\*@/,
    });
  });
});
