import { describe, expect, it } from 'vitest';
import { BASELINES, baselineRetriever } from '../../evaluation/baselines/baselines.ts';
import type { EvalItem } from '../../evaluation/eval-set.ts';
import { clearHistoryBank, loadHistoryBank } from '../../evaluation/load-history-bank.ts';
import { foldOf, runCrossValidation } from '../../evaluation/run-cross-validation.ts';
import { runRetrievalEval } from '../../evaluation/run-retrieval-eval.ts';
import { loadActiveBankEntries } from '../../ingest/question-bank-queries.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
const RULES = '青禾市政府信息公开实施办法.md';
const FAQ = '依申请公开常见问题.txt';
const PARKING = '青禾市公共停车场管理办法(2023-06-15).md';

const item = (id: string, question: string, gold: EvalItem['gold']): EvalItem => ({ id, question, gold });
const DEADLINE_GOLD = [
  { doc: FAQ, quote: '能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复。' },
  { doc: RULES, article: '第九条', quote: '行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。' },
];
const HISTORY = [
  item('office-1', '申请公开政府信息，多长时间能得到答复？', DEADLINE_GOLD),
  item('office-2', '依申请公开政府信息要收费吗？', [
    { doc: RULES, article: '第十条', quote: '行政机关依申请提供政府信息，不收取费用。' },
  ]),
  item('office-3', '量子计算机芯片的专利保护期是多久？', []),
  item('office-5', '公共停车场首小时收费多少钱？', [
    { doc: PARKING, article: '第二条', quote: '公共停车场实行政府指导价，首小时收费2元' },
  ]),
  item('office-6', '残疾人开车停公共停车场要钱吗？', [
    { doc: PARKING, article: '第二条', quote: '残疾人驾驶的机动车免费停放。' },
  ]),
  item('office-7', '停车场的监督电话在哪里能看到？', [
    { doc: PARKING, article: '第三条', quote: '公共停车场经营者应当公示收费标准和监督电话。' },
  ]),
];
const TEST = [item('office-4', '信息公开申请多长时间内必须回复？', DEADLINE_GOLD)];

describe('evaluating with a question bank', () => {
  it('refuses a history that holds an evaluated question, by id or by its wording, naming it', async () => {
    const evaluate = (history: EvalItem[]) =>
      loadHistoryBank({ database: sample.database, history, evaluated: TEST, corpusDirectory: sample.folder.root });
    await expect(evaluate([...HISTORY, TEST[0]!])).rejects.toMatchObject({
      code: 'eval-history-leak',
      message: expect.stringContaining('office-4'),
    });
    const reworded = item('other-9', ' 信息公开申请, 多长时间内必须回复 ', DEADLINE_GOLD);
    await expect(evaluate([...HISTORY, reworded])).rejects.toThrow(/office-4.*other-9/);
    expect(await loadActiveBankEntries(sample.database)).toHaveLength(0);
  });

  it('loads the answerable history as approved answers citing their gold, finds more with it, and leaves the bank empty afterwards', async () => {
    const evaluate = () =>
      runRetrievalEval({
        database: sample.database,
        embedder: sample.embedder,
        items: TEST,
        corpusDirectory: sample.folder.root,
        mode: 'hybrid',
      });
    const without = await evaluate();
    const { entries } = await loadHistoryBank({
      database: sample.database,
      history: HISTORY,
      evaluated: TEST,
      corpusDirectory: sample.folder.root,
    });
    expect(entries).toBe(5);
    const withHistory = await evaluate();
    // Without history the article on the deadline is not among the first five; with it, both gold passages are.
    expect(without.article['recall@5']).toBe(0.5);
    expect(withHistory.article['recall@5']).toBe(1);
    expect(withHistory.article['recall@1']).toBeGreaterThanOrEqual(without.article['recall@1']);
    await clearHistoryBank(sample.database);
    expect(await loadActiveBankEntries(sample.database)).toHaveLength(0);
  });

  it('cross-validates in two folds fixed by id: each half with the other as history, beside no history, per source', async () => {
    const items = [...HISTORY, ...TEST];
    expect(items.map(foldOf)).toEqual(items.map(foldOf));
    const report = await runCrossValidation({
      database: sample.database,
      embedder: sample.embedder,
      items,
      corpusDirectory: sample.folder.root,
    });
    expect(report.withoutHistory.answerable).toBe(6);
    expect(report.withHistory.answerable).toBe(6);
    expect(Object.keys(report.withHistory.bySource)).toEqual(['office']);
    expect(report.perFold.map((fold) => fold.answerable + fold.historyEntries)).toEqual([6, 6]);
    expect(await loadActiveBankEntries(sample.database)).toHaveLength(0);
  });

  it('runs the peers (MaxKB blend search, FastGPT recall) over the same index and scores them like huiying', async () => {
    for (const baseline of BASELINES) {
      const retriever = baselineRetriever(baseline, { database: sample.database, embedder: sample.embedder });
      const passages = await retriever.retrieve('依申请公开政府信息要收费吗？', 10);
      expect(passages.length).toBeGreaterThan(0);
      expect(passages.length).toBeLessThanOrEqual(10);
      expect(passages.every((passage) => passage.sourceUri.startsWith(sample.folder.root))).toBe(true);
      const report = await runRetrievalEval({
        database: sample.database,
        embedder: sample.embedder,
        items: HISTORY,
        corpusDirectory: sample.folder.root,
        mode: 'hybrid',
        retriever,
      });
      expect(report.mode).toBe(baseline.name);
      expect(report.answerable).toBe(5);
      expect(report.article['recall@100']).toBeGreaterThan(0);
      expect(report.latency.p95Ms).toBeGreaterThan(0);
    }
  });
});
