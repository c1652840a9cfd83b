import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { hybridSearch } from '../retrieval/hybrid-search.ts';
import { BASELINES, baselineRetriever } from './baselines/baselines.ts';
import type { EvalItem } from './eval-set.ts';
import { percentiles } from './percentiles.ts';
import { runRetrievalEval } from './run-retrieval-eval.ts';

export type PeerReport = {
  name: string;
  /** One search for the top 10, as a reviewer's search or a draft makes. */
  search: { queries: number; p50Ms: number; p95Ms: number; p99Ms: number };
  /** Article-level recall on the answerable ones among the same questions. */
  quality: { answerable: number; 'recall@10': number; 'recall@100': number };
};

/**
 * huiying's search beside its peers' (MaxKB's blend search, FastGPT's recall, reimplemented over the same index), on
 * the same questions one after another: latency of a top-10 search, and article recall at 10 and 100.
 */
export async function runPeerBench(options: {
  database: Database;
  embedder: Embedder;
  items: ReadonlyArray<EvalItem>;
  corpusDirectory: string;
}): Promise<PeerReport[]> {
  const context = { database: options.database, embedder: options.embedder };
  const peers = [
    {
      name: 'huiying',
      search: (query: string, limit: number) => hybridSearch({ ...context, query, limit }),
      retriever: undefined,
    },
    ...BASELINES.map((baseline) => ({
      name: baseline.name,
      search: (query: string, limit: number) => baseline.search({ ...context, query, limit }),
      retriever: baselineRetriever(baseline, context),
    })),
  ];
  const reports: PeerReport[] = [];
  for (const peer of peers) {
    const latencies: number[] = [];
    for (const item of options.items) {
      const started = performance.now();
      await peer.search(item.question, 10);
      latencies.push(performance.now() - started);
    }
    const quality = await runRetrievalEval({
      ...context,
      items: options.items,
      corpusDirectory: options.corpusDirectory,
      mode: 'hybrid',
      retriever: peer.retriever,
    });
    reports.push({
      name: peer.name,
      search: percentiles(latencies),
      quality: {
        answerable: quality.answerable,
        'recall@10': quality.article['recall@10'],
        'recall@100': quality.article['recall@100'],
      },
    });
  }
  return reports;
}
