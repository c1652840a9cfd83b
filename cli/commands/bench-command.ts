import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StartedWorker } from '../../evaluation/workers-bench.ts';
import { runBench } from '../../evaluation/run-bench.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import { loadEvalSet } from '../../evaluation/eval-set.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { createProgressBar } from '../progress-bar.ts';
import { usageError } from '../usage-error.ts';

export const benchCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying bench --corpus <folder> [--set <questions.jsonl>] [--queries <n>] [--warm-up <n>]
                     [--data-dir <dir> | --database-url <url> [--workers <n,n...> [--burst <n>]]] [--json]

Ingests the corpus into an embedded database (a fresh temporary one unless --data-dir is given; an existing index
there is reused and only brought up to date), or into the PostgreSQL database --database-url names (a database of
its own: the bench adds documents, cases, accounts and an API key to it), and re-ingests it unchanged. Then it runs the warm-up searches that
\`huiying serve\` runs at start (100, made from the corpus), times hybrid searches, and times extractive drafts
(retrieve, draft, verify, redact) on the next questions of the set. Questions come from --set, or are sampled from
the corpus. It times 核稿 (huiying check) of a statement of 30 sentences taken from the corpus. Last, it starts the web console on a free local port, sends 50 inquiries at once through
POST /api/inquiries, times each until it is triaged and drafted, then approves each and times until the answer is
published. Each search's statements (round trips on a server) and the time spent waiting for the database are
reported beside its latency. With --set, huiying's search is measured beside its peers' (MaxKB's blend search and
FastGPT's recall, reimplemented over the same index) on the timed questions: top-10 latency and article recall at 10
and 100. With --workers (and --database-url), for each number given it receives a burst of inquiries (200, or
--burst), starts that many \`huiying worker\` processes and times them until every case is drafted.

Options:
  --corpus <folder>  documents to ingest
  --set <file>       JSONL questions to search with (field "question")
  --queries <n>      number of searches to time (default 300)
  --warm-up <n>      searches made from the corpus before timing (default 100, as \`huiying serve\`; 0 times a
                     process's first searches)
  --data-dir <dir>   keep the index here instead of a temporary folder
  --database-url <url>  run on this PostgreSQL database instead (one for benchmarks, not production's)
  --workers <n,n...>    drafting throughput with this many worker processes each, e.g. 1,2 (needs --database-url)
  --burst <n>           inquiries received at once for each --workers count (default 200)
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
    'database-url': { type: 'string' },
    workers: { type: 'string' },
    burst: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io, openContext, environment }) {
    if (!values.corpus) throw usageError('bench needs --corpus.', 'huiying bench --corpus ../shared/corpus');
    const queryCount = Number(values.queries ?? 300);
    if (!Number.isInteger(queryCount) || queryCount < 1)
      throw usageError('--queries must be a positive whole number.', '--queries 300');
    const warmUpQueries = Number(values['warm-up'] ?? DEFAULTS.warmUpSearches);
    if (!Number.isInteger(warmUpQueries) || warmUpQueries < 0)
      throw usageError('--warm-up must be a whole number, 0 or more.', '--warm-up 100');
    const databaseUrl = values['database-url'] as string | undefined;
    if (databaseUrl && values['data-dir'] !== undefined)
      throw usageError('Give --data-dir or --database-url, not both.', '--database-url postgres://localhost/bench');
    const workerCounts = values.workers === undefined ? [] : String(values.workers).split(',').map(Number);
    if (workerCounts.some((count) => !Number.isInteger(count) || count < 1))
      throw usageError('--workers takes positive whole numbers separated by commas.', '--workers 1,2');
    if (workerCounts.length > 0 && !databaseUrl)
      throw usageError(
        '--workers needs --database-url: workers share one PostgreSQL server.',
        '--database-url postgres://localhost/bench --workers 1,2',
      );
    const burst = Number(values.burst ?? DEFAULTS.benchWorkerBurst);
    if (!Number.isInteger(burst) || burst < 1)
      throw usageError('--burst must be a positive whole number.', '--burst 200');
    if (values.burst !== undefined && workerCounts.length === 0)
      throw usageError(
        '--burst sizes the burst that --workers drafts: give --workers too.',
        '--workers 1,2 --burst 200',
      );
    const corpusDirectory = resolve(String(values.corpus));
    const temporary = values['data-dir'] === undefined && !databaseUrl;
    const dataDirectory = temporary
      ? mkdtempSync(join(tmpdir(), 'huiying-bench-'))
      : resolve(String(values['data-dir']));
    const items = values.set ? loadEvalSet(String(values.set)) : undefined;
    const questions = items?.map((item) => item.question);
    const context = await openContext(databaseUrl ? { databaseUrl } : { dataDirectory });
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
        workers:
          workerCounts.length > 0
            ? {
                counts: workerCounts,
                inquiries: burst,
                start: () => startWorkerProcess({ databaseUrl: databaseUrl!, environment }),
              }
            : undefined,
      });
      progress.done();
      if (values.json) {
        io.print(JSON.stringify(report, null, 2));
        return;
      }
      io.print(
        `embedder ${context.embedder.id}; database ${databaseUrl ? context.database.location : `PGlite in ${dataDirectory}`}${report.ingest.reused ? ' (reused)' : ''}\n`,
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
            ['  statements per search', report.search.statementsPerSearch],
            [
              '  of which waiting for the database p50 / p95 ms',
              `${report.search.database.p50Ms} / ${report.search.database.p95Ms}`,
            ],
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
            ...(report.workers ?? []).map((run) => [
              `${run.inquiries} inquiries drafted by ${run.workers} worker${run.workers === 1 ? '' : 's'}: s (cases/s, speedup)`,
              `${run.seconds} (${run.casesPerSecond}, ${run.speedup}x)`,
            ]),
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

/** Starts `huiying worker` on the bench's database, as its own process (this same command line, compiled or not). */
function startWorkerProcess(options: {
  databaseUrl: string;
  environment: Readonly<Record<string, string | undefined>>;
}): StartedWorker {
  const here = fileURLToPath(import.meta.url);
  const entry = join(dirname(here), '..', `huiying${extname(here)}`);
  const child = spawn(process.execPath, [...(extname(here) === '.ts' ? ['--import', 'tsx'] : []), entry, 'worker'], {
    env: { ...options.environment, DATABASE_URL: options.databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('drafting received cases')) resolve();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => reject(new Error(`huiying worker ended (exit ${code}) before it was ready: ${output}`)));
  });
  // A worker that never gets ready shows in the timing; the bench waits on the first that does.
  ready.catch(() => undefined);
  return {
    ready,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
