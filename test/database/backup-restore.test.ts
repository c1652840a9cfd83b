import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { loadConfig } from '../../config/load-config.ts';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openPgDatabase } from '../../db/pg-database.ts';
import { openPgliteDatabase } from '../../db/pglite-database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import { createReviewContext } from '../../review/create-review-context.ts';
import { draftCase } from '../../review/draft-case.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { describeOnTestServer } from '../support/describe-on-test-server.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { createTestDataDirectory, createTestServerDatabase } from '../support/test-databases.ts';

const embedder = new HashingEmbedder({ dimensions: 64 });
const question = '青禾市政府信息公开实施办法第九条';
const folder = fixtureFolder({ withSampleOffice: true });
afterAll(() => folder.remove());

/** The sample office and a drafted case (with its audit entries); returns what a restored copy must answer. */
async function fill(database: Database): Promise<{ top: number; cases: number; entries: number }> {
  await ingestSources({ database, embedder, inputs: [folder.root] });
  const context = createReviewContext({ config: loadConfig({ environment: {} }), database, embedder });
  const { caseId } = await submitInquiry(context, {
    kind: 'citizen-question',
    text: '申请公开政府信息，多长时间能得到答复？',
    surface: 'web',
    authorId: 'browser',
    receivedBy: 'surface:web',
  });
  await draftCase(context, caseId);
  return {
    top: (await hybridSearch({ database, embedder, query: question, limit: 1 }))[0]!.chunkId,
    cases: 1,
    entries: (await verifyAuditChain(database)).entries,
  };
}

async function expectRestored(database: Database, expected: Awaited<ReturnType<typeof fill>>): Promise<void> {
  expect(await verifyAuditChain(database)).toMatchObject({ entries: expected.entries, valid: true });
  expect((await hybridSearch({ database, embedder, query: question, limit: 1 }))[0]!.chunkId).toBe(expected.top);
  expect(await database.query('SELECT id FROM cases')).toHaveLength(expected.cases);
}

describe('backing up and restoring the embedded database (README, "Deployment on PostgreSQL")', () => {
  it('restores from a tar of the stopped data directory, audit chain and search intact', async () => {
    const data = folder.path('data');
    mkdirSync(data);
    await createTestDataDirectory(`${data}/pglite`);
    const database = await openPgliteDatabase({ dataDirectory: `${data}/pglite` });
    await migrate(database);
    const expected = await fill(database);
    await database.close();
    const archive = folder.path('huiying-backup.tgz');
    execFileSync('tar', ['czf', archive, '-C', data, '.']);
    const restored = folder.path('restored');
    mkdirSync(restored);
    execFileSync('tar', ['xzf', archive, '-C', restored]);
    const copy = await openPgliteDatabase({ dataDirectory: `${restored}/pglite` });
    try {
      await migrate(copy);
      await expectRestored(copy, expected);
    } finally {
      await copy.close();
    }
  });
});

describeOnTestServer('backing up and restoring a PostgreSQL database with pg_dump and pg_restore', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('restores a custom-format dump into a new database that has the extension, audit chain and search intact', async () => {
    const source = await createTestServerDatabase();
    cleanups.push(source.drop);
    const database = await openPgDatabase({ connectionString: source.url, log: () => {} });
    cleanups.push(() => database.close());
    await migrate(database);
    const expected = await fill(database);
    const dump = folder.path('huiying.dump');
    execFileSync('pg_dump', ['--format=custom', '--file', dump, source.url]);
    // The new database has the vector extension already (a superuser made it; here the template did): the dump's
    // entries for the extension, which only its owner may restore, are left out of the list pg_restore follows.
    const target = await createTestServerDatabase();
    cleanups.push(target.drop);
    const list = folder.write(
      'huiying.list',
      execFileSync('pg_restore', ['--list', dump], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => !line.includes(' EXTENSION '))
        .join('\n'),
    );
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '--use-list', list, '--dbname', target.url, dump], {
      stdio: 'pipe',
    });
    const restored = await openPgDatabase({ connectionString: target.url, log: () => {} });
    cleanups.push(() => restored.close());
    await migrate(restored);
    await expectRestored(restored, expected);
  });
});
