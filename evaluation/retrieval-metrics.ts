import type { GoldReference } from './eval-set.ts';

/** A retrieved passage as the metrics see it: its document path relative to the corpus and its text. */
export type RetrievedPassage = { doc: string; articleLabel: string | null; content: string };

export const CUTOFFS = [1, 5, 10, 100] as const;
export type RecallReport = {
  'recall@1': number;
  'recall@5': number;
  'recall@10': number;
  'recall@100': number;
  'mrr@10': number;
};

const compact = (text: string) => text.replace(/\s+/g, '');
// Enough of the quote to identify the passage, short enough to survive a chunk boundary.
const QUOTE_PREFIX = 24;

/**
 * Whether a passage is the gold article. In the gold document (or an alternative version of it), the article label
 * must match, or the passage must contain the start of the gold quote (articles are renumbered between versions, and
 * documents without articles are matched by quote).
 */
export function matchesArticle(passage: RetrievedPassage, gold: GoldReference): boolean {
  const inGoldDocument = passage.doc === gold.doc;
  if (!inGoldDocument && !(gold.alt_docs ?? []).includes(passage.doc)) return false;
  if (inGoldDocument && gold.article && passage.articleLabel === gold.article) return true;
  const quote = compact(gold.quote).slice(0, QUOTE_PREFIX);
  return quote.length > 0 && compact(passage.content).includes(quote);
}

export function matchesDocument(passage: RetrievedPassage, gold: GoldReference): boolean {
  return passage.doc === gold.doc || (gold.alt_docs ?? []).includes(passage.doc);
}

/** Recall at each cutoff (share of gold references found) and reciprocal rank of the first hit within 10. */
export function scoreItem(
  passages: ReadonlyArray<RetrievedPassage>,
  gold: ReadonlyArray<GoldReference>,
  match: (passage: RetrievedPassage, gold: GoldReference) => boolean,
): RecallReport {
  const firstHit = gold.map((reference) => passages.findIndex((passage) => match(passage, reference)));
  const recall = (cutoff: number) => firstHit.filter((rank) => rank >= 0 && rank < cutoff).length / gold.length;
  const best = firstHit.reduce((lowest, rank) => (rank >= 0 && rank < lowest ? rank : lowest), Infinity);
  return {
    'recall@1': recall(1),
    'recall@5': recall(5),
    'recall@10': recall(10),
    'recall@100': recall(100),
    'mrr@10': best < 10 ? 1 / (best + 1) : 0,
  };
}

/** Averages item reports; rounds to four decimals. */
export function averageReports(reports: ReadonlyArray<RecallReport>): RecallReport {
  const keys = ['recall@1', 'recall@5', 'recall@10', 'recall@100', 'mrr@10'] as const;
  const average = Object.fromEntries(
    keys.map((key) => [
      key,
      reports.length === 0 ? 0 : round(reports.reduce((sum, report) => sum + report[key], 0) / reports.length),
    ]),
  );
  return average as RecallReport;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
