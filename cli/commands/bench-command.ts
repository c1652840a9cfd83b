import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runBench } from '../../evaluation/run-bench.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import { loadEvalSet } from '../../evaluation/eval-set.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { createProgressBar } from '../progress-bar.ts';
import { usageError } from '../usage-error.ts';

export const benchCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying bench --corpus <folder> [--set <questions.jsonl>] [--queries <n>] [--warm-up <n>] [--data-dir <dir>] [--json]

Ingests the corpus into an embedded database (a fresh temporary one unless --data-dir is given; an existing index
there is reused and only brought up to date) and re-ingests it unchanged. Then it runs the warm-up searches that
\`huiying serve\` runs at start (100, made from the corpus), times hybrid searches, and times extractive drafts
(retrieve, draft, verify, redact) on the next questions of the set. Questions come from --set, or are sampled from
the corpus. It times 核稿 (huiying check) of a statement of 30 sentences taken from the corpus. Last, it starts the web console on a free local port, sends 50 inquiries at once through
POST /api/inquiries, times each until it is triaged and drafted, then approves each and times until the answer is
published. With --set, huiying's search is measured beside its peers' (MaxKB's blend search and FastGPT's recall,
reimplemented over the same index) on the timed questions: top-10 latency and article recall at 10 and 100.

Options:
  --corpus <folder>  documents to ingest
  --set <file>       JSONL questions to search with (field "question")
  --queries <n>      number of searches to time (default 300)
  --warm-up <n>      searches made from the corpus before timing (default 100, as \`huiying serve\`; 0 times a
                     process's first searches)
  --data-dir <dir>   keep the index here instead of a temporary folder
  --json             print one JSON object
  -h, --help         show this help

Example:
  huiying bench --corpus ../shared/corpus`,
  options: {
    corpus: { type: 'string' },
    set: { type: 'string' },
    queries: { type: 'string' },
    'warm-up': { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io, openContext }) {
    if (!values.corpus) throw usageError('bench needs --corpus.', 'huiying bench --corpus ../shared/corpus');
    const queryCount = Number(values.queries ?? 300);
    if (!Number.isInteger(queryCount) || queryCount < 1)
      throw usageError('--queries must be a positive whole number.', '--queries 300');
    const warmUpQueries = Number(values['warm-up'] ?? DEFAULTS.warmUpSearches);
    if (!Number.isInteger(warmUpQueries) || warmUpQueries < 0)
      throw usageError('--warm-up must be a whole number, 0 or more.', '--warm-up 100');
    const corpusDirectory = resolve(String(values.corpus));
    const temporary = values['data-dir'] === undefined;
    const dataDirectory = temporary
      ? mkdtempSync(join(tmpdir(), 'huiying-bench-'))
      : resolve(String(values['data-dir']));
    const items = values.set ? loadEvalSet(String(values.set)) : undefined;
    const questions = items?.map((item) => item.question);
    const context = await openContext({ dataDirectory });
    try {
      const progress = createProgressBar({ label: 'bench ingest', stream: io.stderr });
      const report = await runBench({
        // The bench measures the core and the web surface only; it never connects to a chat platform.
        config: {
          ...context.config,
          slack: undefined,
          discord: undefined,
          review: { ...context.config.review, host: '127.0.0.1' },
        },
        database: context.database,
        embedder: context.embedder,
        corpusDirectory,
        corpusBytes: folderBytes(corpusDirectory),
        maxFileBytes: context.config.maxFileBytes,
        questions,
        items,
        queryCount,
        warmUpQueries,
        onProgress: progress.update,
      });
      progress.done();
      if (values.json) {
        io.print(JSON.stringify(report, null, 2));
        return;
      }
      io.print(
        `embedder ${context.embedder.id}; database PGlite in ${dataDirectory}${report.ingest.reused ? ' (reused)' : ''}\n`,
      );
      io.print(
        formatTable(
          ['measure', 'value'],
          [
            ['documents', report.ingest.documents],
            ['chunks', report.ingest.chunks],
            ['ingest seconds (incl. indexes)', report.ingest.seconds],
            ['documents/s', report.ingest.documentsPerSecond],
            ['chunks/s', report.ingest.chunksPerSecond],
            ['MB/s', report.ingest.megabytesPerSecond],
            ['peak RSS MB', report.ingest.peakRssMb],
            ['re-ingest seconds (unchanged)', report.reingest.seconds],
            ['search queries', report.search.queries],
            ['search p50 ms', report.search.p50Ms],
            ['search p95 ms', report.search.p95Ms],
            ['search p99 ms', report.search.p99Ms],
            ['extractive draft p50 ms', report.draft.p50Ms],
            ['extractive draft p95 ms', report.draft.p95Ms],
            ['extractive draft p99 ms', report.draft.p99Ms],
            [`核稿 of ${report.statementCheck.sentences} sentences p50 ms`, report.statementCheck.p50Ms],
            [`  max ms of ${report.statementCheck.runs} runs`, report.statementCheck.maxMs],
            ['  sentences supported', report.statementCheck.supported],
            [
              `${report.review.inquiries.concurrent} concurrent API inquiries: drafted p50 ms`,
              report.review.inquiries.p50Ms,
            ],
            ['  drafted p95 ms', report.review.inquiries.p95Ms],
            ['approve to delivered p50 ms', report.review.approveToDelivered.p50Ms],
            ['approve to delivered p95 ms', report.review.approveToDelivered.p95Ms],
          ],
        ),
      );
      if (report.peers)
        io.print(
          `\n${formatTable(
            ['search', 'p50 ms', 'p95 ms', 'article R@10', 'R@100'],
            report.peers.map((peer) => [
              peer.name,
              peer.search.p50Ms,
              peer.search.p95Ms,
              peer.quality['recall@10'].toFixed(3),
              peer.quality['recall@100'].toFixed(3),
            ]),
          )}`,
        );
    } finally {
      await context.close();
      if (temporary) rmSync(dataDirectory, { recursive: true, force: true });
    }
  },
};

function folderBytes(directory: string): number {
  let total = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}
