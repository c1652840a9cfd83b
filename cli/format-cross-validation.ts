import type { CrossValidationReport } from '../evaluation/run-cross-validation.ts';
import { formatTable } from './format-table.ts';

/** The cross-validation report as a table: without and with history, overall and per source, article level. */
export function formatCrossValidation(report: CrossValidationReport): string {
  const cells = (values: CrossValidationReport['withHistory']['article']) =>
    [values['recall@1'], values['recall@5'], values['recall@10'], values['recall@100'], values['mrr@10']].map((value) =>
      value.toFixed(3),
    );
  const rows = (label: string, summary: CrossValidationReport['withHistory']) => [
    [label, `all (${summary.answerable})`, ...cells(summary.article)],
    ...Object.entries(summary.bySource).map(([source, values]) => [label, source, ...cells(values)]),
  ];
  const folds = report.perFold
    .map(
      (fold) =>
        `fold ${fold.fold}: ${fold.answerable} questions, ${fold.historyEntries} in the bank, search p50 / p95 ${fold.latency.p50Ms} / ${fold.latency.p95Ms} ms`,
    )
    .join('\n');
  const none = report.withoutHistory.latency;
  return `${formatTable(
    ['history', 'source', 'R@1', 'R@5', 'R@10', 'R@100', 'MRR@10'],
    [...rows('none', report.withoutHistory), ...rows('other half', report.withHistory)],
  )}\nno history: search p50 / p95 ${none.p50Ms} / ${none.p95Ms} ms\n${folds}`;
}
