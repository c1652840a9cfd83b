import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { runCli } from '../support/run-cli.ts';

const RULES = '青禾市政府信息公开实施办法.md';
const line = (id: string, question: string, article: string, quote: string) =>
  JSON.stringify({ id, question, gold: [{ doc: RULES, article, quote }] });

describe('question bank commands on the sample office', () => {
  const office = fixtureFolder({ withSampleOffice: true });
  const work = fixtureFolder();
  const saved = { ...process.env };
  let set: string;
  let history: string;

  beforeAll(() => {
    delete process.env.DATABASE_URL;
    delete process.env.EMBEDDING_MODEL;
    delete process.env.CHAT_MODEL;
    set = work.write(
      'set.jsonl',
      [
        line('office-1', '信息公开申请多长时间内必须回复？', '第九条', '行政机关收到政府信息公开申请'),
        line('office-2', '申请公开政府信息收不收钱？', '第十条', '行政机关依申请提供政府信息，不收取费用。'),
      ].join('\n'),
    );
    history = work.write(
      'history.jsonl',
      [
        line('past-1', '申请公开政府信息，多长时间能得到答复？', '第九条', '行政机关收到政府信息公开申请'),
        line('past-2', '信息公开申请多长时间内必须回复？', '第九条', '行政机关收到政府信息公开申请'),
      ].join('\n'),
    );
  });
  afterAll(() => {
    process.env = saved;
    office.remove();
    work.remove();
  });

  const evaluate = (...extra: string[]) =>
    runCli('eval', '--set', set, '--corpus', office.root, '--data-dir', work.path('index'), ...extra);

  it('refuses a history that repeats an evaluated question, naming it, without a stack trace', async () => {
    const result = await evaluate('--history', history, '--json');
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('eval-history-leak');
    expect(result.err).toContain('office-1');
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('reports huiying beside MaxKB blend search and FastGPT recall in one JSON object', async () => {
    const result = await evaluate('--mode', 'hybrid', '--baselines', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.mode).toBe('hybrid');
    expect(report.baselines.map((baseline: { mode: string }) => baseline.mode)).toEqual(['maxkb-blend', 'fastgpt-rrf']);
    for (const peer of [report, ...report.baselines]) expect(peer.latency.p95Ms).toBeGreaterThan(0);
  });

  it('cross-validates the set and prints both rows, without and with the other half as history', async () => {
    const result = await evaluate('--cross-validate');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/none\s+all \(2\)/);
    expect(result.out).toMatch(/other half\s+all \(2\)/);
    expect(result.out).toContain('in the bank');
  });

  it('imports a question bank with huiying ingest and lists its malformed lines', async () => {
    const bank = work.write(
      'faq.jsonl',
      `${JSON.stringify({ question: '申请公开要交钱吗？', answer: '不收费。', cites: [`《青禾市政府信息公开实施办法》第十条`] })}\n{broken\n`,
    );
    const dataDirectory = work.path('office-data');
    const result = await runCli('ingest', office.root, bank, '--data-dir', dataDirectory);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`question bank ${bank}: 1 imported`);
    expect(result.out).toContain('line 2: not valid JSON');
  });
});
