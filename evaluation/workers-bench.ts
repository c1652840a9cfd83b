import type { HuiyingConfig } from '../config/load-config.ts';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { createReviewContext } from '../review/create-review-context.ts';
import { submitInquiry } from '../review/submit-inquiry.ts';

/** A `huiying worker` process the bench started: ready once it drafts, stopped with SIGTERM. */
export type StartedWorker = { ready: Promise<void>; stop(): Promise<void> };

export type WorkersBenchReport = Array<{
  workers: number;
  inquiries: number;
  /** From the first worker ready to the last case drafted. */
  seconds: number;
  casesPerSecond: number;
  /** Against the first count measured. */
  speedup: number;
}>;

const TIMEOUT_MS = 300_000;

/**
 * Drafting throughput by number of worker processes: for each count, a burst of inquiries is received with no worker
 * running, then that many `huiying worker` processes are started (by `startWorker`, which the command line gives)
 * and timed until every case is drafted. Workers claim cases, so each is drafted once; the time counts from the
 * first worker ready, so a second worker's own start counts against it.
 */
export async function runWorkersBench(options: {
  config: HuiyingConfig;
  database: Database;
  embedder: Embedder;
  questions: ReadonlyArray<string>;
  workerCounts: ReadonlyArray<number>;
  /** @default 200 */
  inquiries?: number;
  startWorker: () => StartedWorker;
}): Promise<WorkersBenchReport> {
  const inquiries = options.inquiries ?? 200;
  const context = createReviewContext({
    config: options.config,
    database: options.database,
    embedder: options.embedder,
  });
  const report: WorkersBenchReport = [];
  for (const [round, workers] of options.workerCounts.entries()) {
    const caseIds: number[] = [];
    for (let index = 0; index < inquiries; index += 1) {
      const { caseId } = await submitInquiry(context, {
        kind: 'citizen-question',
        text: options.questions[(round * inquiries + index) % options.questions.length]!,
        surface: 'web',
        authorId: `bench-worker-${round}-${index}`,
        receivedBy: 'surface:web',
      });
      caseIds.push(caseId);
    }
    const started = Array.from({ length: workers }, () => options.startWorker());
    try {
      await Promise.race(started.map((worker) => worker.ready));
      const from = performance.now();
      await waitUntilDrafted(options.database, caseIds);
      const seconds = (performance.now() - from) / 1000;
      report.push({
        workers,
        inquiries,
        seconds: round2(seconds),
        casesPerSecond: round2(inquiries / seconds),
        speedup: round2(report.length === 0 ? 1 : report[0]!.seconds / seconds),
      });
    } finally {
      await Promise.all(started.map((worker) => worker.stop()));
    }
  }
  return report;
}

async function waitUntilDrafted(database: Database, caseIds: ReadonlyArray<number>): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const [row] = await database.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM cases WHERE id = ANY($1::bigint[]) AND status = 'received'`,
      [caseIds],
    );
    if (row?.waiting === 0) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${TIMEOUT_MS / 1000} s: ${row?.waiting} not drafted.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
