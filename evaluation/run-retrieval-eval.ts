import { relative } from 'node:path';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { QuestionBankSettings } from '../config/defaults.ts';
import { hybridSearch, type SearchMode } from '../retrieval/hybrid-search.ts';
import { itemGroup, type EvalItem } from './eval-set.ts';
import { percentiles } from './percentiles.ts';
import {
  averageReports,
  matchesArticle,
  matchesDocument,
  scoreItem,
  type RecallReport,
  type RetrievedPassage,
} from './retrieval-metrics.ts';

/** A way of retrieving passages to evaluate instead of huiying's own search (a baseline), top first. */
export type Retriever = (
  question: string,
  limit: number,
) => Promise<Array<{ sourceUri: string; articleLabel: string | null; content: string }>>;

export type RetrievalEvalReport = {
  mode: SearchMode | string;
  items: number;
  answerable: number;
  article: RecallReport;
  document: RecallReport;
  bySource: Record<string, { answerable: number; article: RecallReport; document: RecallReport }>;
  /** Time to retrieve the top 100 for one question. */
  latency: { p50Ms: number; p95Ms: number };
};

/** Runs every answerable question through retrieval (top 100) and scores it at article and document level. */
export async function runRetrievalEval(options: {
  database: Database;
  embedder: Embedder;
  items: ReadonlyArray<EvalItem>;
  corpusDirectory: string;
  mode: SearchMode;
  /** Passed to hybridSearch: use the question bank (default), not, or with these settings. */
  questionBank?: boolean | Partial<QuestionBankSettings>;
  /** Evaluate this retriever instead of hybridSearch, reported under `label`. */
  retriever?: { label: string; retrieve: Retriever };
  onProgress?: (done: number, total: number) => void;
}): Promise<RetrievalEvalReport> {
  const answerable = options.items.filter((item) => item.gold.length > 0);
  const scored: Array<{ group: string; article: RecallReport; document: RecallReport }> = [];
  const latencies: number[] = [];
  for (const [index, item] of answerable.entries()) {
    options.onProgress?.(index, answerable.length);
    const started = performance.now();
    const retrieved = options.retriever
      ? await options.retriever.retrieve(item.question, 100)
      : (
          await hybridSearch({
            database: options.database,
            embedder: options.embedder,
            query: item.question,
            mode: options.mode,
            limit: 100,
            candidates: 100,
            questionBank: options.questionBank,
          })
        ).map((result) => ({ ...result, sourceUri: result.document.sourceUri }));
    latencies.push(performance.now() - started);
    const passages: RetrievedPassage[] = retrieved.map((result) => ({
      doc: relative(options.corpusDirectory, result.sourceUri),
      articleLabel: result.articleLabel,
      content: result.content,
    }));
    scored.push({
      group: itemGroup(item),
      article: scoreItem(passages, item.gold, matchesArticle),
      document: scoreItem(passages, uniqueDocuments(item), matchesDocument),
    });
  }
  options.onProgress?.(answerable.length, answerable.length);
  const groups = [...new Set(scored.map((entry) => entry.group))].sort();
  return {
    mode: options.retriever?.label ?? options.mode,
    items: options.items.length,
    answerable: answerable.length,
    article: averageReports(scored.map((entry) => entry.article)),
    document: averageReports(scored.map((entry) => entry.document)),
    latency: { p50Ms: percentiles(latencies).p50Ms, p95Ms: percentiles(latencies).p95Ms },
    bySource: Object.fromEntries(
      groups.map((group) => {
        const members = scored.filter((entry) => entry.group === group);
        return [
          group,
          {
            answerable: members.length,
            article: averageReports(members.map((entry) => entry.article)),
            document: averageReports(members.map((entry) => entry.document)),
          },
        ];
      }),
    ),
  };
}

// At document level each gold document counts once, however many of its articles are gold.
function uniqueDocuments(item: EvalItem): EvalItem['gold'] {
  const seen = new Map<string, EvalItem['gold'][number]>();
  for (const gold of item.gold) if (!seen.has(gold.doc)) seen.set(gold.doc, gold);
  return [...seen.values()];
}
