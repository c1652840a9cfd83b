import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { hnswSettings } from '../../ingest/search-index.ts';
import { appendAuditEntry } from '../../audit/append-audit-entry.ts';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { createAccount } from '../../review/accounts/accounts.ts';
import { loadConfig } from '../../config/load-config.ts';
import { createReviewContext } from '../../review/create-review-context.ts';
import { decideCase } from '../../review/decide-case.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findPublicAnswer, findVersion } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { WebSurface } from '../../console/web-surface.ts';
import { migrate } from '../../db/migrate.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { hybridSearch, type SearchResult } from '../../retrieval/hybrid-search.ts';
import type { SearchFilters } from '../../retrieval/search-filters.ts';
import { deleteBankEntries, insertBankEntries } from '../../ingest/question-bank-queries.ts';
import { timedDatabase } from '../../evaluation/timed-database.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';

/** The behaviour every `Database` implementation must have; each driver's test file runs it. */
export function runDatabaseSuite(options: { name: string; open: () => Promise<Database> }): void {
  describe(`database suite on ${options.name}`, () => {
    let database: Database;
    const embedder = new HashingEmbedder({ dimensions: 64 });
    const folder = fixtureFolder({ withSampleOffice: true });

    beforeAll(async () => {
      database = await options.open();
    });
    afterAll(async () => {
      await database.close();
      folder.remove();
    });

    it('applies each migration once and records it', async () => {
      expect((await migrate(database)).applied).toEqual([]);
      const rows = await database.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.name)).toContain('0001_knowledge_base.sql');
    });

    it('keeps nothing from a transaction that fails', async () => {
      await expect(
        database.transaction(async (transaction) => {
          await transaction.query(`INSERT INTO index_settings (key, value) VALUES ('rollback-probe', 'x')`);
          throw new Error('fail on purpose');
        }),
      ).rejects.toThrow('fail on purpose');
      expect(await database.query(`SELECT 1 FROM index_settings WHERE key = 'rollback-probe'`)).toEqual([]);
    });

    it('bulk-inserts rows with vectors that cosine distance orders correctly', async () => {
      await database.exec('CREATE TABLE IF NOT EXISTS probe (id int8, label text, v vector)');
      await database.bulkInsert({
        table: 'probe',
        columns: [
          { name: 'id', type: 'int8' },
          { name: 'label', type: 'text' },
          { name: 'v', type: 'vector' },
        ],
        rows: [
          [1, '东', [1, 0, 0]],
          [2, '南', [0, 1, 0]],
          [3, '东南', [0.7, 0.7, 0]],
        ],
      });
      const rows = await database.query<{ label: string }>(
        `SELECT label FROM probe ORDER BY v <=> '[1,0.1,0]'::vector LIMIT 2`,
      );
      expect(rows.map((row) => row.label)).toEqual(['东', '东南']);
    });

    it('ingests a folder and answers a question with the article that governs it', async () => {
      const summary = await ingestSources({ database, embedder, inputs: [folder.root] });
      expect(summary.failed).toEqual([]);
      expect(summary.added).toBe(7);
      const results = await hybridSearch({ database, embedder, query: '青禾市政府信息公开实施办法第九条', limit: 3 });
      expect(results[0]?.articleLabel).toBe('第九条');
      expect(results[0]?.matchedBy).toContain('article-reference');
      expect(results[0]?.document.documentNumber).toBe('青政发〔2024〕3号');
      // The offline embedder only breaks ties, so its vector index is the quicker, lighter graph.
      const [index] = await database.query<{ indexdef: string }>(
        `SELECT indexdef FROM pg_indexes WHERE indexname = 'chunks_embedding_hnsw_${embedder.dimensions}'`,
      );
      expect(index?.indexdef).toMatch(/hnsw .*WITH \(m='8', ef_construction='32'\)/);
      expect(hnswSettings({ fusionWeight: 1 })).toEqual({ m: 16, efConstruction: 64 });
    });

    it('answers a search in two statements, articles named with and without their law included, past answers to similar questions fused in', async () => {
      const timed = timedDatabase(database);
      // The first search of a process also reads the question bank, which it keeps until the bank changes.
      await hybridSearch({ database: timed, embedder, query: '政府信息公开' });
      timed.take();
      for (const query of [
        '青禾市政府信息公开实施办法第九条',
        '第九条规定了什么',
        '申请公开政府信息，多长时间能得到答复？',
      ]) {
        const results = await hybridSearch({ database: timed, embedder, query, limit: 5 });
        expect(results.length).toBeGreaterThan(0);
        expect(timed.take().statements).toBeLessThanOrEqual(2);
      }

      // Posted answers to questions like the one searched: one cites an article the searches find, one a passage of
      // the FAQ, one a passage of talking points the searches do not find for this question (it expires at the end
      // of 2027, so asOf 2028 drops that answer).
      const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
      await database.transaction((transaction) =>
        insertBankEntries(transaction, [
          {
            origin: 'import',
            source: 'database-suite#1',
            question: '申请政府信息公开以后多长时间能答复？',
            answer: '能够当场答复的当场答复。',
            postedAt: daysAgo(10),
            citations: [
              {
                sourceUri: folder.path('青禾市政府信息公开实施办法.md'),
                articleLabel: '第九条',
                quote: '行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。',
              },
            ],
          },
          {
            origin: 'import',
            source: 'database-suite#2',
            question: '申请公开政府信息要多久才有答复？',
            answer: '自收到申请之日起20个工作日内答复。',
            postedAt: daysAgo(30),
            citations: [
              {
                sourceUri: folder.path('依申请公开常见问题.txt'),
                articleLabel: null,
                quote: '能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复。',
              },
            ],
          },
          {
            origin: 'import',
            source: 'database-suite#3',
            question: '申请公开政府信息多长时间答复？汛期积水的情况政府公开了吗？',
            answer: '市防汛抗旱指挥部已启动防汛四级应急响应。',
            postedAt: daysAgo(5),
            citations: [
              {
                sourceUri: folder.path('汛期城区内涝应对口径.md'),
                articleLabel: null,
                quote: '市防汛抗旱指挥部已启动防汛四级应急响应',
              },
            ],
          },
        ]),
      );
      const searches: Array<{ query: string; filters?: SearchFilters }> = [
        { query: '申请公开政府信息，多长时间能得到答复？' },
        { query: '申请公开政府信息，多长时间能得到答复？', filters: { asOf: '2028-01-15' } },
        { query: '申请公开政府信息，多长时间能得到答复？', filters: { jurisdiction: ['某某省', '青禾市'] } },
        { query: '申请公开政府信息，多长时间能得到答复？', filters: { jurisdiction: ['某某省', '临江市'] } },
        { query: '政府信息公开申请多久答复' },
      ];
      const summary = (results: SearchResult[]) =>
        results.map(
          (result) =>
            `${basename(result.document.sourceUri)} ${result.articleLabel ?? result.start} ${result.matchedBy.join('+')}`,
        );
      try {
        // This process's bank index is older than the bank now: the first search rebuilds it (more statements, once).
        await hybridSearch({ database: timed, embedder, query: '政府信息公开' });
        timed.take();
        const found: string[][] = [];
        const statements: number[] = [];
        for (const search of searches) {
          found.push(summary(await hybridSearch({ database: timed, embedder, limit: 10, candidates: 10, ...search })));
          statements.push(timed.take().statements);
        }
        // What main (b5e0260, the bank read in statements of its own) returned for the same searches.
        expect(found).toEqual(EXPECTED_WITH_BANK);
        expect(Math.max(...statements)).toBeLessThanOrEqual(2);
        // Passages only past answers cited are among them (the third statement main needed), and in the past answers'
        // order of weight; the expired talking points are not cited as of 2028.
        expect(found[0]!.some((line) => line.endsWith(' question-bank'))).toBe(true);
        expect(found[1]!.some((line) => line.startsWith('汛期'))).toBe(false);

        // Another handle (another process) posts an answer: this one's next search sees the revision change, rebuilds
        // its index and finds the new neighbour; the search after that is two statements again.
        await insertBankEntries(database, [
          {
            origin: 'import',
            source: 'database-suite#4',
            question: '政府信息公开申请被拒绝了怎么办？申请公开政府信息多长时间能答复？',
            answer: '可以依法申请行政复议或者提起行政诉讼。',
            postedAt: daysAgo(1),
            citations: [
              {
                sourceUri: folder.path('依申请公开常见问题.txt'),
                articleLabel: null,
                quote: '可以向上一级行政机关或者市人民政府办公室投诉、举报，也可以依法申请行政复议或者提起行政诉讼。',
              },
            ],
          },
        ]);
        const afterPost = summary(
          await hybridSearch({ database: timed, embedder, limit: 10, candidates: 10, ...searches[0]! }),
        );
        // The bank's entries and the new neighbours' citations are read apart, this once.
        expect(timed.take().statements).toBe(4);
        const again = summary(
          await hybridSearch({ database: timed, embedder, limit: 10, candidates: 10, ...searches[0]! }),
        );
        expect(timed.take().statements).toBeLessThanOrEqual(2);
        expect(again).toEqual(afterPost);
        expect(afterPost).toEqual(EXPECTED_AFTER_POST);
      } finally {
        await database.transaction((transaction) =>
          deleteBankEntries(transaction, { origin: 'import', sourcePrefix: 'database-suite#' }),
        );
      }
    });

    it('skips every unchanged source on a second ingest', async () => {
      const summary = await ingestSources({ database, embedder, inputs: [folder.root] });
      expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 7 });
    });

    it('chains audit entries written concurrently and verifies the chain', async () => {
      const at = new Date('2026-11-23T01:00:00Z');
      await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          database.transaction((transaction) =>
            appendAuditEntry(transaction, {
              caseId: 10_000 + index,
              event: 'inquiry-received',
              actor: 'test',
              occurredAt: at,
              details: { index, 说明: '并发写入' },
            }),
          ),
        ),
      );
      // The eight appended here and one for each of the two ingest runs above.
      expect(await verifyAuditChain(database)).toMatchObject({ entries: 10, valid: true });
    });

    it('refuses to update, delete or truncate the audit log', async () => {
      await expect(database.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(database.query('DELETE FROM audit_log WHERE sequence = 1')).rejects.toThrow(/append-only/);
      await expect(database.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      expect(await verifyAuditChain(database)).toMatchObject({ entries: 10, valid: true });
    });

    it("detects an audit entry changed or removed behind the trigger's back", async () => {
      // Only the database owner can do this; the chain still shows it.
      await database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      try {
        await database.query(
          `UPDATE audit_log SET details = '{"index": 99}' WHERE sequence = (SELECT min(sequence) + 2 FROM audit_log)`,
        );
        const changed = await verifyAuditChain(database);
        expect(changed.valid).toBe(false);
        expect(changed.firstBreak?.reason).toMatch(/changed after it was written/);
        await database.query('DELETE FROM audit_log WHERE sequence = (SELECT min(sequence) + 2 FROM audit_log)');
        const removed = await verifyAuditChain(database);
        expect(removed.firstBreak?.reason).toMatch(/removed or inserted/);
      } finally {
        await database.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
      }
    });

    it('runs a case from receipt to a posted answer, on the record', async () => {
      const context = createReviewContext({ config: loadConfig({ environment: {} }), database, embedder });
      const approver = await createAccount(database, {
        username: 'suite-approver',
        password: 'correct horse battery',
        role: 'approver',
      });
      const { caseId } = await submitInquiry(context, {
        kind: 'citizen-question',
        text: '申请公开政府信息，多长时间能得到答复？',
        surface: 'web',
        authorId: 'b',
        receivedBy: 'surface:web',
      });
      expect(await draftCase(context, caseId)).toBe(true);
      const version = (await findVersion(database, caseId, 1))!;
      await decideCase(context, {
        caseId,
        actor: approver,
        decision: { action: 'approve', version: 1, textHash: version.textHash },
      });
      const report = await deliverDueAnswers({
        database,
        surfaces: new Map([['web', new WebSurface({ database, clock: context.clock })]]),
        clock: context.clock,
      });
      expect(report.delivered).toEqual([caseId]);
      expect(await findPublicAnswer(database, caseId)).toMatchObject({ text: expect.stringContaining('依据：') });
      // (The chain itself was broken on purpose by the test above; the case's own story is what is checked here.)
      expect((await readAuditLog(database, { caseId })).map((entry) => entry.event)).toEqual([
        'inquiry-received',
        'draft-created',
        'draft-approved',
        'answer-posted',
      ]);
    });
  });
}

// What main (b5e0260) returned for the searches of the test above, the bank read in statements of its own.
const EXPECTED_WITH_BANK: string[][] = [
  [
    '依申请公开常见问题.txt 170 lexical+vector+question-bank',
    '青禾市政府信息公开实施办法.md 第九条 lexical+vector+question-bank',
    '依申请公开常见问题.txt 303 lexical',
    '青禾市政务服务中心调整节假日服务时间的通告.html 0 lexical',
    '青禾市政务服务中心调整节假日服务时间的通告.html 72 lexical',
    '青禾市政府信息公开实施办法政策解读.md 183 lexical+vector',
    '青禾市政务服务中心调整节假日服务时间的通告.html 149 lexical',
    '青禾市政务服务中心调整节假日服务时间的通告.html 197 lexical',
    '汛期城区内涝应对口径.md 68 question-bank',
    '青禾市政府信息公开实施办法.md 第八条 vector',
  ],
  [
    '依申请公开常见问题.txt 170 lexical+vector+question-bank',
    '青禾市政府信息公开实施办法.md 第九条 lexical+vector+question-bank',
    '依申请公开常见问题.txt 303 lexical',
    '青禾市政务服务中心调整节假日服务时间的通告.html 0 lexical',
    '青禾市政务服务中心调整节假日服务时间的通告.html 72 lexical',
    '青禾市政府信息公开实施办法政策解读.md 183 lexical+vector',
    '青禾市政务服务中心调整节假日服务时间的通告.html 149 lexical',
    '青禾市政务服务中心调整节假日服务时间的通告.html 197 lexical',
    '青禾市政府信息公开实施办法.md 第八条 vector',
    '青禾市政府信息公开实施办法.md 第五条 vector',
  ],
  [
    '依申请公开常见问题.txt 170 lexical+vector+question-bank',
    '青禾市政府信息公开实施办法.md 第九条 lexical+vector+question-bank',
    '依申请公开常见问题.txt 303 lexical',
    '青禾市政务服务中心调整节假日服务时间的通告.html 0 lexical',
    '青禾市政务服务中心调整节假日服务时间的通告.html 72 lexical',
    '青禾市政府信息公开实施办法政策解读.md 183 lexical+vector',
    '青禾市政务服务中心调整节假日服务时间的通告.html 149 lexical',
    '青禾市政务服务中心调整节假日服务时间的通告.html 197 lexical',
    '汛期城区内涝应对口径.md 68 question-bank',
    '青禾市政府信息公开实施办法.md 第八条 vector',
  ],
  [],
  [
    '依申请公开常见问题.txt 170 lexical+question-bank',
    '青禾市政府信息公开实施办法.md 第九条 lexical+vector+question-bank',
    '依申请公开常见问题.txt 303 lexical',
    '青禾市政府信息公开实施办法政策解读.md 183 lexical',
    '汛期城区内涝应对口径.md 68 question-bank',
    '青禾市政府信息公开实施办法.md 第十一条 vector',
    '青禾市政府信息公开实施办法政策解读.md 321 vector',
    '青禾市政府信息公开实施办法.md 第三条 vector',
    '青禾市政府信息公开实施办法.md 第七条 vector',
    '青禾市政府信息公开实施办法政策解读.md 26 vector',
  ],
];
const EXPECTED_AFTER_POST: string[] = [
  '依申请公开常见问题.txt 170 lexical+vector+question-bank',
  '依申请公开常见问题.txt 303 lexical+question-bank',
  '青禾市政府信息公开实施办法.md 第九条 lexical+vector+question-bank',
  '青禾市政务服务中心调整节假日服务时间的通告.html 0 lexical',
  '青禾市政务服务中心调整节假日服务时间的通告.html 72 lexical',
  '青禾市政府信息公开实施办法政策解读.md 183 lexical+vector',
  '青禾市政务服务中心调整节假日服务时间的通告.html 149 lexical',
  '青禾市政务服务中心调整节假日服务时间的通告.html 197 lexical',
  '汛期城区内涝应对口径.md 68 question-bank',
  '青禾市政府信息公开实施办法.md 第八条 vector',
];
