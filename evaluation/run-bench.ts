import type { HuiyingConfig } from '../config/load-config.ts';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { ingestSources, type IngestProgress } from '../ingest/ingest-sources.ts';
import { draftAnswer } from '../drafting/draft-answer.ts';
import { percentiles } from './percentiles.ts';
import { ExtractiveDrafter } from '../drafting/extractive-drafter.ts';
import { hybridSearch } from '../retrieval/hybrid-search.ts';
import { sampleQueries, warmUpSearch } from '../retrieval/warm-up-search.ts';
import { runReviewBench, type ReviewBenchReport } from './review-bench.ts';
import { timedDatabase } from './timed-database.ts';
import { runWorkersBench, type StartedWorker, type WorkersBenchReport } from './workers-bench.ts';
import type { EvalItem } from './eval-set.ts';
import { runPeerBench, type PeerReport } from './peer-bench.ts';
import { runStatementBench, type StatementBenchReport } from './statement-bench.ts';

export type BenchReport = {
  ingest: {
    documents: number;
    chunks: number;
    seconds: number;
    documentsPerSecond: number;
    chunksPerSecond: number;
    megabytesPerSecond: number;
    peakRssMb: number;
    reused: boolean;
  };
  reingest: { seconds: number };
  /** Timed after `warmUpQueries` searches made from the corpus, as `huiying serve` runs at start. */
  search: {
    queries: number;
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    warmUpQueries: number;
    /** Statements sent per search (round trips on a server; a transaction's BEGIN and COMMIT count). */
    statementsPerSearch: number;
    /** Of each search, the time spent waiting for the database; the rest is huiying's own work (segmenting, BM25, fusion). */
    database: { queries: number; p50Ms: number; p95Ms: number; p99Ms: number };
  };
  /** Extractive draft end to end: retrieve, draft, verify, redact. */
  draft: { queries: number; p50Ms: number; p95Ms: number; p99Ms: number };
  /** 核稿 of a 30-sentence statement made from the corpus. */
  statementCheck: StatementBenchReport;
  /** The review workflow through the console's HTTP API: concurrent inquiries drafted, approvals delivered. */
  review: ReviewBenchReport;
  /** Drafting throughput by number of worker processes (with --workers). */
  workers?: WorkersBenchReport;
  /** huiying's search beside MaxKB's and FastGPT's, reimplemented over the same index, on the timed questions. */
  peers?: PeerReport[];
};

/** Times a whole ingest, an unchanged re-ingest, hybrid searches and drafts over the given questions, and the review workflow. */
export async function runBench(options: {
  config: HuiyingConfig;
  database: Database;
  embedder: Embedder;
  corpusDirectory: string;
  corpusBytes: number;
  maxFileBytes: number;
  questions?: ReadonlyArray<string>;
  /** The set the questions came from, with gold passages: measures peers' quality and latency beside huiying's. */
  items?: ReadonlyArray<EvalItem>;
  queryCount: number;
  /** Searches made from the corpus before timing, as `huiying serve` runs at start. @default DEFAULTS.warmUpSearches */
  warmUpQueries?: number;
  onProgress?: (progress: IngestProgress) => void;
  /** Drafting throughput with this many `huiying worker` processes each (a server only); `start` starts one. */
  workers?: {
    counts: ReadonlyArray<number>;
    /** Inquiries received at once for each count. @default DEFAULTS.benchWorkerBurst */
    inquiries?: number;
    start: () => StartedWorker;
  };
}): Promise<BenchReport> {
  const { database, embedder } = options;
  const existing = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
  const ingest = await ingestSources({
    database,
    embedder,
    inputs: [options.corpusDirectory],
    maxFileBytes: options.maxFileBytes,
    prune: true,
    onProgress: options.onProgress,
  });
  const reingest = await ingestSources({
    database,
    embedder,
    inputs: [options.corpusDirectory],
    maxFileBytes: options.maxFileBytes,
    prune: true,
  });
  const counts = await database.query<{ documents: number; chunks: number }>(
    `SELECT (SELECT count(*)::int FROM documents WHERE status = 'current') AS documents, (SELECT count(*)::int FROM chunks) AS chunks`,
  );
  // Searches and drafts are timed on different questions when the set has enough, so drafts do not find their
  // searches' pages already cached.
  const pool =
    options.questions && options.questions.length > 0
      ? options.questions
      : await sampleQueries(database, options.queryCount * 2, { offset: 1 });
  const questions = pool.slice(0, options.queryCount);
  const draftQuestions =
    pool.length >= options.queryCount * 2 ? pool.slice(options.queryCount, options.queryCount * 2) : questions;
  // The same warm-up `huiying serve` runs at start (queries made from the corpus, none of the timed questions), so the
  // figures are a running server's, not a process's first searches.
  // Through the counting wrapper from the warm-up on: what a search keeps per database handle (the question bank's
  // index) is then kept, as in a running server, and the timed searches count only their own statements.
  const timed = timedDatabase(database);
  const warmUp = await warmUpSearch({ database: timed, embedder, queries: options.warmUpQueries });
  timed.take();
  const latencies: number[] = [];
  const databaseLatencies: number[] = [];
  let statements = 0;
  for (const question of questions) {
    const started = performance.now();
    await hybridSearch({ database: timed, embedder, query: question });
    latencies.push(performance.now() - started);
    const spent = timed.take();
    databaseLatencies.push(spent.milliseconds);
    statements += spent.statements;
  }
  const drafter = new ExtractiveDrafter();
  const draftLatencies: number[] = [];
  for (const question of draftQuestions) {
    const started = performance.now();
    await draftAnswer({ database, embedder, model: drafter, question, audience: 'citizen' });
    draftLatencies.push(performance.now() - started);
  }
  const statementCheck = await runStatementBench({ database, embedder });
  const peers = options.items
    ? await runPeerBench({
        database,
        embedder,
        items: options.items.slice(0, options.queryCount),
        corpusDirectory: options.corpusDirectory,
      })
    : undefined;
  const review = await runReviewBench({ config: options.config, database, embedder, questions });
  const workers = options.workers
    ? await runWorkersBench({
        config: options.config,
        database,
        embedder,
        questions: pool,
        workerCounts: options.workers.counts,
        inquiries: options.workers.inquiries,
        startWorker: options.workers.start,
      })
    : undefined;
  const documents = counts[0]?.documents ?? 0;
  const chunks = counts[0]?.chunks ?? 0;
  return {
    ingest: {
      documents,
      chunks,
      seconds: round(ingest.seconds),
      documentsPerSecond: round(documents / ingest.seconds),
      chunksPerSecond: round(chunks / ingest.seconds),
      megabytesPerSecond: round(options.corpusBytes / 1024 / 1024 / ingest.seconds),
      peakRssMb: round(process.resourceUsage().maxRSS / 1024),
      reused: (existing[0]?.n ?? 0) > 0,
    },
    reingest: { seconds: round(reingest.seconds) },
    search: {
      ...percentiles(latencies),
      warmUpQueries: warmUp.queries,
      statementsPerSearch: round(statements / Math.max(1, questions.length)),
      database: percentiles(databaseLatencies),
    },
    draft: percentiles(draftLatencies),
    statementCheck,
    review,
    ...(workers && { workers }),
    ...(peers ? { peers } : {}),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
