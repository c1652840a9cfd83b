import type { Database } from '../db/database.ts';
import { checkStatement } from '../drafting/check-statement.ts';
import type { Embedder } from '../embed/embedder.ts';
import { splitSentences } from '../text/split-sentences.ts';
import { percentiles } from './percentiles.ts';

export type StatementBenchReport = {
  sentences: number;
  runs: number;
  p50Ms: number;
  maxMs: number;
  /** Sentences found supported: each is taken word for word from a passage, so all should be. */
  supported: number;
};

/**
 * Times 核稿 on a statement of `sentences` sentences taken from evenly spaced passages of the corpus (true
 * statements, so every sentence is searched and checked in full), `runs` times after one untimed run.
 */
export async function runStatementBench(options: {
  database: Database;
  embedder: Embedder;
  /** @default 30 */
  sentences?: number;
  /** @default 5 */
  runs?: number;
}): Promise<StatementBenchReport> {
  const wanted = options.sentences ?? 30;
  const rows = await options.database.query<{ content: string }>(
    `SELECT c.content FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE d.status = 'current' AND c.id % GREATEST(1, (SELECT count(*) FROM chunks) / $1) = 7 % GREATEST(1, (SELECT count(*) FROM chunks) / $1)
     ORDER BY c.id LIMIT $1`,
    [wanted * 3],
  );
  const picked = rows
    .map((row) => splitSentences(row.content).find((sentence) => sentence.length >= 12 && sentence.length <= 120))
    .filter((sentence): sentence is string => sentence !== undefined)
    .slice(0, wanted);
  const text = picked.join('');
  const check = () => checkStatement({ database: options.database, embedder: options.embedder, text });
  const first = await check();
  const latencies: number[] = [];
  for (let run = 0; run < (options.runs ?? 5); run += 1) {
    const started = performance.now();
    await check();
    latencies.push(performance.now() - started);
  }
  const { p50Ms } = percentiles(latencies);
  return {
    sentences: first.sentences.length,
    runs: latencies.length,
    p50Ms,
    maxMs: Math.round(latencies.reduce((most, latency) => Math.max(most, latency), 0) * 10) / 10,
    supported: first.sentences.filter((sentence) => sentence.status === 'supported').length,
  };
}
