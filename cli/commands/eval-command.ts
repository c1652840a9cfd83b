import { resolve } from 'node:path';
import { loadEvalSet } from '../../evaluation/eval-set.ts';
import { prepareCorpusIndex } from '../../evaluation/prepare-corpus-index.ts';
import { createProgressBar } from '../progress-bar.ts';
import { runDraftEval } from '../../evaluation/run-draft-eval.ts';
import { runAnswerabilityCalibration } from '../../evaluation/calibrate-answerability.ts';
import { runRetrievalEval, type RetrievalEvalReport } from '../../evaluation/run-retrieval-eval.ts';
import { createChatModel } from '../../drafting/create-chat-model.ts';
import { draftProfileFromConfig } from '../../drafting/draft-profile.ts';
import type { SearchMode } from '../../retrieval/hybrid-search.ts';
import { BASELINES, baselineRetriever } from '../../evaluation/baselines/baselines.ts';
import { clearHistoryBank, loadHistoryBank } from '../../evaluation/load-history-bank.ts';
import { formatCrossValidation } from '../format-cross-validation.ts';
import { runCrossValidation } from '../../evaluation/run-cross-validation.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { usageError } from '../usage-error.ts';

export const evalCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying eval --set <questions.jsonl> --corpus <folder> [--mode vector|lexical|hybrid] [--drafts [--samples <file>] | --calibrate]
                     [--history <questions.jsonl> | --cross-validate] [--baselines] [--json]
                     [--data-dir <dir> | --database-url <url>]

Indexes the corpus in its own embedded database, or in the PostgreSQL database --database-url names (one for
evaluation, not production's), or reuses the index there when up to date; runs every answerable question
and reports Recall@1/5/10/100 and MRR@10 at article level and at document level, overall and per source (the id
prefix, e.g. stard-, ncp-). A gold item's alt_docs (other versions of the same law) also count. Without --mode,
all three modes are compared in a table; with --json, one JSON object is printed (mode hybrid unless given).

Options:
  --set <file>       JSONL questions: {"id","question","gold":[{"doc","article","quote","alt_docs"?}]}
  --corpus <folder>  the folder the gold "doc" paths are relative to
  --mode <m>         hybrid, lexical or vector
  --drafts           evaluate drafts instead of retrieval: citation validity, sentence support, share of
                     answerable questions answered and citing a gold article, share of unanswerable ones
                     refused, drafting latency, and the drafts' form (fragments, repeats, other regions'
                     and superseded citations); HUIYING_JURISDICTION, HUIYING_OFFICE_NAME apply as for ask
  --samples <file>   with --drafts, write every draft with its question and sources to this JSONL file
  --calibrate        fit the answerability decision on the set (gold [] = unanswerable): the model's weights,
                     answered vs refused at each threshold, and two-fold cross-validated figures (split by id)
  --history <file>   load these questions and their gold passages into the question bank as approved answers,
                     then evaluate the set (a question in both files is refused)
  --cross-validate   split the set in two by id; evaluate each half with the other half as history, and
                     the whole set without history
  --baselines        also measure MaxKB's blend search and FastGPT's recall, reimplemented over this index
  --data-dir <dir>   where the evaluation index lives (default ./data/eval)
  --database-url <url>  keep the evaluation index in this PostgreSQL database instead
  --json             print the report as one JSON object
  -h, --help         show this help

Example:
  huiying eval --set ../shared/eval/dev.jsonl --corpus ../shared/corpus`,
  options: {
    set: { type: 'string' },
    corpus: { type: 'string' },
    mode: { type: 'string' },
    drafts: { type: 'boolean' },
    samples: { type: 'string' },
    calibrate: { type: 'boolean' },
    history: { type: 'string' },
    'cross-validate': { type: 'boolean' },
    baselines: { type: 'boolean' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
  },
  async run({ values, io, openContext }) {
    if (!values.set || !values.corpus)
      throw usageError(
        'eval needs --set and --corpus.',
        'huiying eval --set ../shared/eval/dev.jsonl --corpus ../shared/corpus',
      );
    const modes: SearchMode[] = values.mode
      ? [values.mode as SearchMode]
      : values.json
        ? ['hybrid']
        : ['vector', 'lexical', 'hybrid'];
    if (!modes.every((mode) => ['hybrid', 'lexical', 'vector'].includes(mode)))
      throw usageError('--mode must be hybrid, lexical or vector.', '--mode hybrid');
    if (values.history && values['cross-validate'])
      throw usageError(
        '--history and --cross-validate cannot be combined: cross-validation takes its history from the set itself.',
        'huiying eval --set dev.jsonl --corpus ../shared/corpus --cross-validate',
      );
    const items = loadEvalSet(String(values.set));
    const corpusDirectory = resolve(String(values.corpus));
    const databaseUrl = values['database-url'] as string | undefined;
    if (databaseUrl && values['data-dir'] !== undefined)
      throw usageError('Give --data-dir or --database-url, not both.', '--database-url postgres://localhost/eval');
    const context = await openContext(
      databaseUrl ? { databaseUrl } : { dataDirectory: String(values['data-dir'] ?? resolve('data', 'eval')) },
    );
    try {
      const progress = createProgressBar({ label: 'index corpus', stream: io.stderr });
      await prepareCorpusIndex({
        database: context.database,
        embedder: context.embedder,
        corpusDirectory,
        maxFileBytes: context.config.maxFileBytes,
        onProgress: progress.update,
      });
      progress.done();
      if (values['cross-validate']) {
        const report = await runCrossValidation({ ...context, items, corpusDirectory });
        io.print(values.json ? JSON.stringify(report, null, 2) : formatCrossValidation(report));
        return;
      }
      if (values.history) {
        const history = loadEvalSet(String(values.history));
        const { entries } = await loadHistoryBank({ ...context, history, evaluated: items, corpusDirectory });
        io.warn(`question bank: ${entries} answered questions from ${values.history}`);
      }
      if (values.calibrate) {
        const calibration = await runAnswerabilityCalibration({
          database: context.database,
          embedder: context.embedder,
          model: createChatModel(context.config.chatModel),
          items,
          profile: draftProfileFromConfig(context.config.drafting),
        });
        if (values.json) io.print(JSON.stringify(calibration, null, 2));
        else
          io.print(
            formatTable(
              ['threshold', 'answered', 'refused'],
              calibration.curve.map((point) => [point.threshold.toFixed(2), point.answered, point.refused]),
            ),
          );
        return;
      }
      if (values.drafts) {
        const report = await runDraftEval({
          database: context.database,
          embedder: context.embedder,
          model: createChatModel(context.config.chatModel),
          items,
          corpusDirectory,
          profile: draftProfileFromConfig(context.config.drafting),
          samplesFile: values.samples ? resolve(String(values.samples)) : undefined,
        });
        if (values.json) io.print(JSON.stringify(report, null, 2));
        else {
          io.print(
            formatTable(
              ['measure', 'value'],
              [
                ['drafter', report.drafter],
                ['questions', report.items],
                ['citation validity', report.citationValidity],
                ['sentence support', report.sentenceSupport],
                [`answerable (${report.answerable.items}): answered`, report.answerable.answered],
                ['answerable: cites a gold article', report.answerable.citesGold],
                [`unanswerable (${report.unanswerable.items}): refused`, report.unanswerable.refused],
                ['latency p50 / p95 ms', `${report.latency.p50Ms} / ${report.latency.p95Ms}`],
                [
                  `form (${report.form.drafts} drafts): fragments / repeats`,
                  `${report.form.withFragment} / ${report.form.withRepeat}`,
                ],
                [
                  'citations of other regions / superseded texts',
                  `${report.form.otherJurisdictionCitations} / ${report.form.supersededCitations}`,
                ],
              ],
            ),
          );
        }
        return;
      }
      const reports: RetrievalEvalReport[] = [];
      for (const mode of modes) {
        reports.push(
          await runRetrievalEval({
            database: context.database,
            embedder: context.embedder,
            items,
            corpusDirectory,
            mode,
          }),
        );
      }
      const baselines = [];
      for (const baseline of values.baselines ? BASELINES : [])
        baselines.push(
          await runRetrievalEval({
            ...context,
            items,
            corpusDirectory,
            mode: 'hybrid',
            retriever: baselineRetriever(baseline, context),
          }),
        );
      for (const baseline of baselines) reports.push(baseline);
      if (values.json) {
        io.print(JSON.stringify(values.baselines ? { ...reports[0], baselines } : reports[0], null, 2));
        return;
      }
      io.print(`${items.length} questions, ${reports[0]!.answerable} answerable; embedder ${context.embedder.id}\n`);
      const rows = reports.flatMap((report) => [
        [
          report.mode,
          'article',
          'all',
          ...metricCells(report.article),
          `${report.latency.p50Ms} / ${report.latency.p95Ms}`,
        ],
        [report.mode, 'document', 'all', ...metricCells(report.document), ''],
        ...Object.entries(report.bySource).map(([source, group]) => [
          report.mode,
          'article',
          `${source} (${group.answerable})`,
          ...metricCells(group.article),
          '',
        ]),
      ]);
      io.print(formatTable(['mode', 'level', 'source', 'R@1', 'R@5', 'R@10', 'R@100', 'MRR@10', 'p50 / p95 ms'], rows));
    } finally {
      if (values.history) await clearHistoryBank(context.database);
      await context.close();
    }
  },
};

function metricCells(report: RetrievalEvalReport['article']): string[] {
  return [report['recall@1'], report['recall@5'], report['recall@10'], report['recall@100'], report['mrr@10']].map(
    (value) => value.toFixed(3),
  );
}
