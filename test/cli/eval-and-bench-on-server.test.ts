import { existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openPgDatabase } from '../../db/pg-database.ts';
import { describeOnTestServer } from '../support/describe-on-test-server.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { runCli, runCliWith } from '../support/run-cli.ts';
import { createTestDataDirectory, createTestServerDatabase } from '../support/test-databases.ts';

const RULES = '青禾市政府信息公开实施办法.md';
const PARKING = '青禾市公共停车场管理办法(2023-06-15).md';

// A question set for the sample office, in the format of ../shared/eval/dev.jsonl.
const QUESTIONS = [
  {
    id: 'sample-deadline',
    question: '申请公开政府信息以后，多少天内能得到答复？',
    gold: [{ doc: RULES, article: '第九条', quote: '行政机关收到政府信息公开申请，能够当场答复的' }],
  },
  {
    id: 'sample-fee',
    question: '依申请公开政府信息要收费吗？',
    gold: [{ doc: RULES, article: '第十条', quote: '行政机关依申请提供政府信息，不收取费用。' }],
  },
  {
    id: 'sample-parking',
    question: '公共停车场首小时收费多少钱？',
    gold: [{ doc: PARKING, article: '第二条', quote: '公共停车场实行政府指导价，首小时收费2元' }],
  },
  { id: 'sample-none', question: '量子计算机芯片的专利保护期是多久？', gold: [] },
];

// The command line as a user runs it: no production database, the offline embedder, no model endpoint.
const ENVIRONMENT = {
  ...process.env,
  DATABASE_URL: undefined,
  EMBEDDING_MODEL: undefined,
  CHAT_MODEL: undefined,
  HUIYING_OFFLINE_DIMENSIONS: undefined,
};

it('refuses eval with both --data-dir and --database-url, and bench --workers or --burst without a server', async () => {
  const work = fixtureFolder();
  try {
    const set = work.write('questions.jsonl', JSON.stringify(QUESTIONS[0]));
    const both = await runCli(
      'eval',
      '--set',
      set,
      '--corpus',
      work.root,
      '--data-dir',
      work.path('index'),
      '--database-url',
      'postgres://127.0.0.1:1/eval',
    );
    expect(both).toMatchObject({
      code: 2,
      err: expect.stringContaining('Give --data-dir or --database-url, not both'),
    });
    // Refused before anything is opened: no index folder appears.
    expect(existsSync(work.path('index'))).toBe(false);
    expect(await runCli('bench', '--corpus', work.root, '--workers', '1,2')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--workers needs --database-url'),
    });
    expect(
      await runCli('bench', '--corpus', work.root, '--database-url', 'postgres://127.0.0.1:1/bench', '--burst', '20'),
    ).toMatchObject({ code: 2, err: expect.stringContaining('--burst sizes the burst that --workers drafts') });
    expect(
      await runCli(
        'bench',
        '--corpus',
        work.root,
        '--database-url',
        'postgres://127.0.0.1:1/b',
        '--workers',
        '1',
        '--burst',
        '0',
      ),
    ).toMatchObject({ code: 2, err: expect.stringContaining('--burst must be a positive whole number') });
  } finally {
    work.remove();
  }
});

describeOnTestServer('huiying eval and huiying bench with --database-url', () => {
  const office = fixtureFolder({ withSampleOffice: true });
  const work = fixtureFolder();
  const set = work.write('questions.jsonl', QUESTIONS.map((item) => JSON.stringify(item)).join('\n'));
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    office.remove();
    work.remove();
  });

  async function serverDatabase(): Promise<{ url: string; database: Database }> {
    const { url, drop } = await createTestServerDatabase();
    cleanups.push(drop);
    const database = await openPgDatabase({ connectionString: url });
    cleanups.push(() => database.close());
    return { url, database };
  }

  it('indexes the corpus in the server database, reports the recall PGlite reports, and reuses that index next time', async () => {
    const { url, database } = await serverDatabase();
    const defaultIndex = resolve('data', 'eval');
    const hadDefaultIndex = existsSync(defaultIndex);
    const evaluate = (where: string[]) =>
      runCliWith({
        argv: ['eval', '--set', set, '--corpus', office.root, ...where, '--mode', 'hybrid', '--json'],
        environment: { ...ENVIRONMENT, HUIYING_DATA_DIR: work.path('data') },
      });
    const first = await evaluate(['--database-url', url]);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out);
    expect(report).toMatchObject({ mode: 'hybrid', items: 4, answerable: 3 });
    // Each of the three questions finds its gold article among the first ten passages.
    expect(report.article['recall@10']).toBe(1);
    expect(report.document['recall@10']).toBe(1);
    expect(report.article['mrr@10']).toBeGreaterThan(0);
    // The same figures as the embedded database gives for the same corpus and set (its data directory made from the
    // migrated template, seconds faster than initdb).
    mkdirSync(work.path('embedded-index'));
    await createTestDataDirectory(work.path('embedded-index/pglite'));
    const embedded = await evaluate(['--data-dir', work.path('embedded-index')]);
    expect(embedded.code).toBe(0);
    const { article, document, bySource } = JSON.parse(embedded.out);
    expect({ article: report.article, document: report.document, bySource: report.bySource }).toEqual({
      article,
      document,
      bySource,
    });

    // The index is in the server database, built by the offline embedder eval used; no embedded one was made.
    const [indexed] = await database.query<{ documents: number; chunks: number; embedder: string | null }>(
      `SELECT (SELECT count(*)::int FROM documents WHERE status = 'current') AS documents,
              (SELECT count(*)::int FROM chunks) AS chunks,
              (SELECT value FROM index_settings WHERE key = 'embedder') AS embedder`,
    );
    expect(indexed).toMatchObject({ documents: 6 });
    expect(indexed!.chunks).toBeGreaterThan(10);
    expect(indexed!.embedder).toMatch(/^offline-hashing-v1\//);
    expect(existsSync(work.path('data'))).toBe(false);
    if (!hadDefaultIndex) expect(existsSync(defaultIndex)).toBe(false);

    // A second run finds the index up to date: the same documents, not ingested again, the same figures.
    const before = await database.query<{ id: string; ingested_at: Date }>(
      'SELECT id, ingested_at FROM documents ORDER BY id',
    );
    const second = await evaluate(['--database-url', url]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out).article).toEqual(report.article);
    expect(await database.query('SELECT id, ingested_at FROM documents ORDER BY id')).toEqual(before);
  });

  it('measures on the server: two statements per search, and one worker drafts every inquiry of the burst once', async () => {
    const { url, database } = await serverDatabase();
    const result = await runCliWith({
      argv: [
        'bench',
        '--corpus',
        office.root,
        '--set',
        set,
        '--queries',
        '2',
        '--warm-up',
        '3',
        '--database-url',
        url,
        '--workers',
        '1',
        '--burst',
        '20',
        '--json',
      ],
      environment: { ...ENVIRONMENT, HUIYING_OFFLINE_DIMENSIONS: '64' },
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({
      ingest: { documents: 6, reused: false },
      search: { queries: 2, warmUpQueries: 3 },
      review: { inquiries: { concurrent: 50 }, approveToDelivered: { approvals: 50 } },
      workers: [{ workers: 1, inquiries: 20, speedup: 1 }],
    });
    // One statement for the nearest chunks, one for the keyword candidates with their passages: round trips.
    expect(report.search.statementsPerSearch).toBeGreaterThan(0);
    expect(report.search.statementsPerSearch).toBeLessThanOrEqual(2);
    expect(report.workers[0].seconds).toBeGreaterThan(0);

    // The review bench's 50 inquiries were drafted by the console in this process; the burst's by the worker process,
    // each claimed once: one version and one draft-created entry per case, none left waiting.
    const here = `${hostname()}/${process.pid}`;
    const cases = await database.query<{
      id: string;
      drafted_by: string;
      status: string;
      versions: number;
      created: number;
    }>(
      `SELECT c.id, c.draft_claimed_by AS drafted_by, c.status,
              (SELECT count(*)::int FROM draft_versions v WHERE v.case_id = c.id) AS versions,
              (SELECT count(*)::int FROM audit_log a WHERE a.case_id = c.id AND a.event = 'draft-created') AS created
       FROM cases c ORDER BY c.id`,
    );
    expect(cases).toHaveLength(70);
    const burst = cases.filter((row) => row.drafted_by !== here);
    expect(burst).toHaveLength(20);
    expect(new Set(burst.map((row) => row.drafted_by)).size).toBe(1);
    expect(burst.every((row) => row.status === 'awaiting-review')).toBe(true);
    for (const row of cases)
      expect({ id: row.id, versions: row.versions, created: row.created }).toEqual({
        id: row.id,
        versions: 1,
        created: 1,
      });
  });
});
