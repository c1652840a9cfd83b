import { createHash } from 'node:crypto';
import type { QuestionBankSettings } from '../config/defaults.ts';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { EvalItem } from './eval-set.ts';
import { clearHistoryBank, loadHistoryBank } from './load-history-bank.ts';
import { averageReports, type RecallReport } from './retrieval-metrics.ts';
import { runRetrievalEval, type RetrievalEvalReport } from './run-retrieval-eval.ts';

type Summary = { answerable: number; article: RecallReport; bySource: Record<string, RecallReport> };
type Latency = RetrievalEvalReport['latency'];

export type CrossValidationReport = {
  folds: number;
  /** Every answerable question with an empty question bank. */
  withoutHistory: Summary & { latency: Latency };
  /** Each fold evaluated with the other fold as history; the folds' figures averaged, weighted by their questions. */
  withHistory: Summary;
  perFold: Array<{ fold: number; answerable: number; historyEntries: number; article: RecallReport; latency: Latency }>;
};

/** Which of two folds a question is in: by a hash of its id, so the split is fixed and owes nothing to the file's order. */
export function foldOf(item: Pick<EvalItem, 'id'>): 0 | 1 {
  return (createHash('sha256').update(item.id).digest()[0]! % 2) as 0 | 1;
}

/**
 * Two-fold cross-validation of the question bank: the set is split by id; each half is evaluated with the other half
 * loaded as history (as approved answers citing their gold), both ways, and the two halves' figures are averaged
 * (weighted by their questions, so each question counts once).
 * Beside it, the whole set with no history. Nothing is tuned on the questions measured.
 */
export async function runCrossValidation(options: {
  database: Database;
  embedder: Embedder;
  items: ReadonlyArray<EvalItem>;
  corpusDirectory: string;
  settings?: Partial<QuestionBankSettings>;
  onProgress?: (stage: string, done: number, total: number) => void;
}): Promise<CrossValidationReport> {
  const evaluate = (items: ReadonlyArray<EvalItem>, stage: string) =>
    runRetrievalEval({
      database: options.database,
      embedder: options.embedder,
      items,
      corpusDirectory: options.corpusDirectory,
      mode: 'hybrid',
      questionBank: options.settings ?? true,
      onProgress: (done, total) => options.onProgress?.(stage, done, total),
    });
  await clearHistoryBank(options.database);
  const baseline = await evaluate(options.items, 'no history');
  const folds: Array<{ report: RetrievalEvalReport; historyEntries: number }> = [];
  try {
    for (const fold of [0, 1] as const) {
      const test = options.items.filter((item) => foldOf(item) === fold);
      const history = options.items.filter((item) => foldOf(item) !== fold);
      const { entries } = await loadHistoryBank({
        database: options.database,
        history,
        evaluated: test,
        corpusDirectory: options.corpusDirectory,
      });
      folds.push({ report: await evaluate(test, `fold ${fold + 1}`), historyEntries: entries });
    }
  } finally {
    await clearHistoryBank(options.database);
  }
  const sources = Object.keys(baseline.bySource);
  return {
    folds: 2,
    withoutHistory: { ...summary(baseline), latency: baseline.latency },
    withHistory: {
      answerable: folds.reduce((sum, fold) => sum + fold.report.answerable, 0),
      article: weightedAverage(folds.map((fold) => ({ count: fold.report.answerable, report: fold.report.article }))),
      bySource: Object.fromEntries(
        sources.map((source) => [
          source,
          weightedAverage(
            folds.flatMap((fold) => {
              const group = fold.report.bySource[source];
              return group ? [{ count: group.answerable, report: group.article }] : [];
            }),
          ),
        ]),
      ),
    },
    perFold: folds.map((fold, index) => ({
      fold: index + 1,
      answerable: fold.report.answerable,
      historyEntries: fold.historyEntries,
      article: fold.report.article,
      latency: fold.report.latency,
    })),
  };
}

// The folds' figures weighted by their number of questions: each question counts once, as in the run without history.
function weightedAverage(parts: ReadonlyArray<{ count: number; report: RecallReport }>): RecallReport {
  return averageReports(parts.flatMap((part) => Array.from({ length: part.count }, () => part.report)));
}

function summary(report: RetrievalEvalReport): Summary {
  return {
    answerable: report.answerable,
    article: report.article,
    bySource: Object.fromEntries(Object.entries(report.bySource).map(([source, group]) => [source, group.article])),
  };
}
