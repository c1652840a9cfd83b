import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAIServer } from '../fakes/fake-openai-server.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { runCli } from '../support/run-cli.ts';

const RULES = '青禾市政府信息公开实施办法.md';
const PARKING = '青禾市公共停车场管理办法(2023-06-15).md';

// A question set for the sample office in the format of ../shared/eval/dev.jsonl (the id's prefix is its group).
const QUESTIONS = [
  {
    id: 'sample-deadline',
    question: '申请公开政府信息以后，多少天内能得到答复？',
    gold: [{ doc: RULES, article: '第九条', quote: '行政机关收到政府信息公开申请，能够当场答复的' }],
    source: 'sample',
  },
  {
    id: 'sample-fee',
    question: '依申请公开政府信息要收费吗？',
    gold: [{ doc: RULES, article: '第十条', quote: '行政机关依申请提供政府信息，不收取费用。' }],
    source: 'sample',
  },
  {
    id: 'sample-parking',
    question: '公共停车场首小时收费多少钱？',
    gold: [{ doc: PARKING, article: '第二条', quote: '公共停车场实行政府指导价，首小时收费2元' }],
    source: 'sample',
  },
  { id: 'sample-none', question: '量子计算机芯片的专利保护期是多久？', gold: [], source: 'sample' },
];

describe('huiying eval and huiying bench on the sample office', () => {
  const office = fixtureFolder({ withSampleOffice: true });
  const work = fixtureFolder();
  const saved = { ...process.env };
  let set: string;

  beforeAll(() => {
    delete process.env.DATABASE_URL;
    delete process.env.EMBEDDING_MODEL;
    delete process.env.CHAT_MODEL;
    set = work.write('questions.jsonl', QUESTIONS.map((item) => JSON.stringify(item)).join('\n'));
  });
  afterAll(() => {
    process.env = saved;
    office.remove();
    work.remove();
  });

  it('builds its own index and reports recall at article and document level, per source, as one JSON object', async () => {
    const result = await runCli(
      'eval',
      '--set',
      set,
      '--corpus',
      office.root,
      '--data-dir',
      work.path('index'),
      '--mode',
      'hybrid',
      '--json',
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({ mode: 'hybrid', items: 4, answerable: 3 });
    for (const level of ['article', 'document'] as const) {
      expect(Object.keys(report[level])).toEqual(['recall@1', 'recall@5', 'recall@10', 'recall@100', 'mrr@10']);
    }
    // Each of the three questions finds its gold article among the first ten passages.
    expect(report.article['recall@10']).toBe(1);
    expect(report.document['recall@10']).toBe(1);
    expect(Object.keys(report.bySource)).toEqual(['sample']);
  });

  it('scores drafts: citations valid, sentences supported, the unanswerable question refused', async () => {
    const result = await runCli(
      'eval',
      '--drafts',
      '--set',
      set,
      '--corpus',
      office.root,
      '--data-dir',
      work.path('index'),
      '--json',
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({
      drafter: 'extractive-v1',
      items: 4,
      citationValidity: 1,
      sentenceSupport: 1,
      answerable: { items: 3, answered: 1 },
      unanswerable: { items: 1, refused: 1 },
    });
    expect(report.answerable.citesGold).toBeGreaterThanOrEqual(2 / 3);
    expect(report.latency.p95Ms).toBeGreaterThan(0);
  });

  it('scores a configured model endpoint the same way, under the name of the model', async () => {
    const fake = new FakeOpenAIServer({ dimensions: 8 });
    const baseUrl = await fake.start();
    Object.assign(process.env, { OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: 'test-key', CHAT_MODEL: 'policy-model' });
    try {
      // The fake model declines every question (no sentences, a reason to escalate): all drafts are refusals.
      const result = await runCli(
        'eval',
        '--drafts',
        '--set',
        set,
        '--corpus',
        office.root,
        '--data-dir',
        work.path('index'),
        '--json',
      );
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out)).toMatchObject({
        drafter: 'openai:policy-model',
        items: 4,
        answerable: { items: 3, answered: 0 },
        unanswerable: { items: 1, refused: 1 },
      });
      const chats = fake.requests.filter((request) => request.path === '/v1/chat/completions');
      // The three answerable questions reach the model; the fourth finds no passage strong enough to ask it about.
      expect(chats).toHaveLength(3);
      expect(chats.every((request) => request.body.model === 'policy-model')).toBe(true);
      expect(JSON.stringify(chats.map((request) => request.body.messages))).not.toContain('量子计算机');
    } finally {
      for (const name of ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'CHAT_MODEL']) delete process.env[name];
      await fake.close();
    }
  });

  it('reports an unreadable question set with its code and what to pass instead', async () => {
    const missing = await runCli(
      'eval',
      '--set',
      work.path('nope.jsonl'),
      '--corpus',
      office.root,
      '--data-dir',
      work.path('index'),
    );
    expect(missing).toMatchObject({
      code: 1,
      err: expect.stringMatching(/eval-set-invalid.*Pass an existing JSONL file with --set/),
    });
    const broken = work.write('broken.jsonl', `${JSON.stringify(QUESTIONS[0])}\n{not json\n`);
    expect(
      await runCli('eval', '--set', broken, '--corpus', office.root, '--data-dir', work.path('index')),
    ).toMatchObject({ code: 1, err: expect.stringContaining('line 2 is not valid JSON') });
  });

  it('times ingest, search after the warm-up, drafts and the review workflow, as one JSON object', async () => {
    const result = await runCli(
      'bench',
      '--corpus',
      office.root,
      '--set',
      set,
      '--queries',
      '2',
      '--warm-up',
      '3',
      '--data-dir',
      work.path('bench'),
      '--json',
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({
      ingest: { documents: 6, reused: false },
      search: { queries: 2, warmUpQueries: 3 },
      // Two questions are searched; the next two (the set has four) are drafted.
      draft: { queries: 2 },
      statementCheck: { runs: 5 },
      review: { inquiries: { concurrent: 50 }, approveToDelivered: { approvals: 50 } },
    });
    expect(report.ingest.chunks).toBeGreaterThan(10);
    // Re-ingesting six unchanged files can round to 0.00 s; the figure must be there.
    expect(report.reingest.seconds).toBeGreaterThanOrEqual(0);
    expect(report.search.p95Ms).toBeGreaterThan(0);
    // Sentences taken word for word from the sample office's passages, checked against the knowledge base.
    expect(report.statementCheck.sentences).toBeGreaterThan(5);
    expect(report.statementCheck.supported).toBe(report.statementCheck.sentences);
    // Where a search's time goes: at most two statements, the database's share of the time beside it.
    expect(report.search.statementsPerSearch).toBeLessThanOrEqual(2);
    expect(report.search.database.queries).toBe(2);
    expect(await runCli('bench', '--corpus', office.root, '--workers', '1,2')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--workers needs --database-url'),
    });
    expect(await runCli('bench', '--corpus', office.root, '--warm-up', 'some')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--warm-up must be a whole number'),
    });
  });
});
