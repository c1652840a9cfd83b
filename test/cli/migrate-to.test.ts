import { mkdirSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { WebSurface } from '../../console/web-surface.ts';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openPgDatabase } from '../../db/pg-database.ts';
import { openPgliteDatabase } from '../../db/pglite-database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import { createAccount } from '../../review/accounts/accounts.ts';
import { createReviewContext } from '../../review/create-review-context.ts';
import { decideCase } from '../../review/decide-case.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findVersion } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { describeOnTestServer } from '../support/describe-on-test-server.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { runCliWith } from '../support/run-cli.ts';
import { createTestDataDirectory, createTestServerDatabase } from '../support/test-databases.ts';

const embedder = new HashingEmbedder({ dimensions: 64 });
const question = '青禾市政府信息公开实施办法第九条';

describeOnTestServer('huiying migrate-to', () => {
  const folder = fixtureFolder({ withSampleOffice: true });
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    folder.remove();
  });

  /** An embedded database with the sample office, a posted answer and its audit trail; closed again. */
  async function embeddedOffice(): Promise<{ dataDirectory: string; counts: Record<string, number>; top: number }> {
    const dataDirectory = folder.path('data');
    mkdirSync(dataDirectory);
    await createTestDataDirectory(`${dataDirectory}/pglite`);
    const database = await openPgliteDatabase({ dataDirectory: `${dataDirectory}/pglite` });
    try {
      await migrate(database);
      await ingestSources({ database, embedder, inputs: [folder.root] });
      const context = createReviewContext({ config: loadConfig({ environment: {} }), database, embedder });
      const approver = await createAccount(database, {
        username: 'zhao',
        password: 'correct horse battery',
        role: 'approver',
      });
      const { caseId } = await submitInquiry(context, {
        kind: 'citizen-question',
        text: '申请公开政府信息，多长时间能得到答复？',
        surface: 'web',
        authorId: 'browser',
        receivedBy: 'surface:web',
      });
      await draftCase(context, caseId);
      const version = (await findVersion(database, caseId, 1))!;
      await decideCase(context, {
        caseId,
        actor: approver,
        decision: { action: 'approve', version: 1, textHash: version.textHash },
      });
      await deliverDueAnswers({
        database,
        surfaces: new Map([['web', new WebSurface({ database, clock: context.clock })]]),
        clock: context.clock,
      });
      const top = (await hybridSearch({ database, embedder, query: question, limit: 1 }))[0]!.chunkId;
      return { dataDirectory, counts: await counts(database), top };
    } finally {
      await database.close();
    }
  }

  it('copies an embedded database into an empty server database, the audit chain intact, and refuses a second copy', async () => {
    const office = await embeddedOffice();
    const { url, drop } = await createTestServerDatabase();
    cleanups.push(drop);
    const environment = { HUIYING_OFFLINE_DIMENSIONS: '64' };
    const copied = await runCliWith({ argv: ['migrate-to', url, '--data-dir', office.dataDirectory], environment });
    expect(copied.err).toBe('');
    expect(copied).toMatchObject({
      code: 0,
      out: expect.stringMatching(/audit chain intact on the copy \(\d+ entries\)/),
    });

    const verified = await runCliWith({
      argv: ['audit', 'verify'],
      environment: { ...environment, DATABASE_URL: url },
    });
    expect(verified).toMatchObject({ code: 0, out: expect.stringMatching(/^Audit chain intact/) });
    const server = await openPgDatabase({ connectionString: url, log: () => {} });
    cleanups.push(() => server.close());
    await migrate(server);
    expect(await counts(server)).toEqual(office.counts);
    // Same passages and vectors: the same answer; and new rows get new ids.
    expect((await hybridSearch({ database: server, embedder, query: question, limit: 1 }))[0]!.chunkId).toBe(
      office.top,
    );
    const context = createReviewContext({ config: loadConfig({ environment: {} }), database: server, embedder });
    const { caseId } = await submitInquiry(context, {
      kind: 'citizen-question',
      text: '公共停车场收费标准由谁制定？',
      surface: 'web',
      authorId: 'browser',
      receivedBy: 'surface:web',
    });
    expect(caseId).toBe(2);

    const again = await runCliWith({ argv: ['migrate-to', url, '--data-dir', office.dataDirectory], environment });
    expect(again).toMatchObject({ code: 2, err: expect.stringMatching(/target database is not empty \(.*cases.*\)/) });
  });
});

async function counts(database: Database): Promise<Record<string, number>> {
  const tables = [
    'documents',
    'chunks',
    'lexicon',
    'cases',
    'draft_versions',
    'approvals',
    'outbox',
    'public_answers',
    'accounts',
    'audit_log',
  ];
  const result: Record<string, number> = {};
  for (const table of tables)
    result[table] = (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  return result;
}
