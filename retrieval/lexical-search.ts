import { bm25Score, termPositions, type ScoringTerm } from './bm25-rerank.ts';
import type { QueryTerm } from './expand-query.ts';
import type { Queryable } from '../db/database.ts';
import type { SearchFilters } from './search-filters.ts';
import { StatementParameters } from './statement-parameters.ts';
import { inverseDocumentFrequency, termStatistics, type TermStatistics } from './term-statistics.ts';

// Terms in more than this share of chunks say almost nothing about relevance.
const MAX_DOCUMENT_SHARE = 0.15;
const MAX_TERMS = 12;
const MAX_PAIRS = 6;
const PAIR_POSTINGS_LIMIT = 8000;
// Candidates come from the rarest terms until their postings reach this budget (FACTS.md: every match costs).
const CANDIDATE_POSTINGS_BUDGET = 2000;
// Candidates re-ranked per passage asked for.
const CANDIDATES_PER_RESULT = 4;

// How much a document's best-matching passages lift each of its passages.
const DOCUMENT_EVIDENCE_WEIGHT = 0.15;
const DOCUMENT_EVIDENCE_CHUNKS = 3;

export type RankedChunk = { chunkId: number; score: number };

type WeightedTerm = ScoringTerm & { documentFrequency: number };

/** What keyword search scores with: the usable query terms, weighted by rarity, the adjacent pairs among them, N's length. */
export type LexicalQuery = {
  terms: WeightedTerm[];
  pairs: Array<readonly [WeightedTerm, WeightedTerm]>;
  averageLength: number;
};

/**
 * Keyword search over the jieba-segmented `tsvector`, in two stages. The GIN index gathers candidates from the rarest
 * query terms (within a postings budget) and from pairs of adjacent query words found together (lexicalCandidates,
 * part of a search's second statement); each candidate is then scored by BM25 (IDF-weighted, term frequency
 * saturated, length normalised) with a bonus for the pairs standing side by side (rankLexical). Cost follows the rare
 * terms' postings, not the size of the table. This first step weighs the terms by the statistics the search's first
 * statement read; unknown and near-universal terms are dropped.
 */
export function lexicalQuery(options: {
  statistics: TermStatistics;
  terms: ReadonlyArray<QueryTerm>;
  pairs?: ReadonlyArray<[string, string]>;
}): LexicalQuery {
  const { statistics } = options;
  const weighted = options.terms
    .map(({ term, weight }) => {
      const documentFrequency = statistics.documentFrequency.get(term) ?? 0;
      const unusable = documentFrequency === 0 || documentFrequency > statistics.chunks * MAX_DOCUMENT_SHARE;
      return { term, documentFrequency, weight: unusable ? 0 : weight * inverseDocumentFrequency(statistics, term) };
    })
    .filter((entry) => entry.weight > 0)
    .sort((left, right) => right.weight - left.weight)
    .slice(0, MAX_TERMS);
  const byTerm = new Map(weighted.map((term) => [term.term, term]));
  const pairs = (options.pairs ?? [])
    .map(([first, second]) => [byTerm.get(first), byTerm.get(second)] as const)
    .filter((pair): pair is readonly [WeightedTerm, WeightedTerm] => pair[0] !== undefined && pair[1] !== undefined)
    .sort((left, right) => right[0].weight + right[1].weight - (left[0].weight + left[1].weight))
    .slice(0, MAX_PAIRS);
  return { terms: weighted, pairs, averageLength: statistics.averageLength };
}

/** The SELECT of candidate ids and their partial weights (unfiltered), for a CTE of the search's second statement. */
export function lexicalCandidates(parameters: StatementParameters, query: LexicalQuery, limit: number): string {
  if (query.terms.length === 0) return 'SELECT NULL::bigint AS id, 0::float8 AS partial WHERE false';
  const branches = [
    ...termsWithinBudget(query.terms).map(
      ({ term, weight }) =>
        `SELECT id, ${parameters.bind(weight)}::float8 AS weight FROM chunks WHERE tsv @@ ${parameters.bind(`'${term}'`)}::tsquery`,
    ),
    // Intersecting two long posting lists costs as much as reading both; such pairs only re-rank.
    ...query.pairs
      .filter(([first, second]) => first.documentFrequency + second.documentFrequency <= PAIR_POSTINGS_LIMIT)
      .map(
        ([first, second]) =>
          `SELECT id, ${parameters.bind(first.weight + second.weight)}::float8 FROM chunks WHERE tsv @@ ${parameters.bind(`'${first.term}' & '${second.term}'`)}::tsquery`,
      ),
  ];
  return `SELECT id, sum(weight) AS partial FROM (${branches.join(' UNION ALL ')}) hits GROUP BY id ORDER BY partial DESC, id LIMIT ${parameters.bind(limit * CANDIDATES_PER_RESULT)}`;
}

/** Scores the candidates that passed the filters (their index terms as stored) and keeps the best `limit`. */
export function rankLexical(
  rows: ReadonlyArray<{ chunkId: number; documentId: number; terms: string }>,
  query: LexicalQuery,
  limit: number,
): RankedChunk[] {
  const scored = rows.map((row) => ({
    chunkId: row.chunkId,
    documentId: row.documentId,
    score: bm25Score({
      positions: termPositions(row.terms),
      terms: query.terms,
      pairs: query.pairs,
      averageLength: query.averageLength,
    }),
  }));
  return withDocumentEvidence(scored)
    .sort((left, right) => right.score - left.score || left.chunkId - right.chunkId)
    .slice(0, limit);
}

/**
 * Adds to each passage a share of how well the rest of its document matches: a question about a topic is usually
 * answered by the document that treats the topic, not by a stray sentence elsewhere.
 */
function withDocumentEvidence(scored: ReadonlyArray<RankedChunk & { documentId: number }>): RankedChunk[] {
  const byDocument = new Map<number, number[]>();
  for (const chunk of scored) {
    const scores = byDocument.get(chunk.documentId);
    if (scores) scores.push(chunk.score);
    else byDocument.set(chunk.documentId, [chunk.score]);
  }
  const evidence = new Map(
    [...byDocument].map(([documentId, scores]) => {
      const best = scores.sort((left, right) => right - left).slice(0, DOCUMENT_EVIDENCE_CHUNKS);
      return [documentId, best.reduce((sum, score) => sum + score, 0) / DOCUMENT_EVIDENCE_CHUNKS];
    }),
  );
  return scored.map((chunk) => ({
    chunkId: chunk.chunkId,
    score: chunk.score + DOCUMENT_EVIDENCE_WEIGHT * evidence.get(chunk.documentId)!,
  }));
}

// The rarest terms whose postings fit the budget (always at least one), so the first stage stays cheap.
function termsWithinBudget(terms: ReadonlyArray<WeightedTerm>): WeightedTerm[] {
  const byRarity = [...terms].sort((left, right) => left.documentFrequency - right.documentFrequency);
  const chosen: WeightedTerm[] = [];
  let postings = 0;
  for (const term of byRarity) {
    if (chosen.length > 0 && postings + term.documentFrequency > CANDIDATE_POSTINGS_BUDGET) break;
    chosen.push(term);
    postings += term.documentFrequency;
  }
  return chosen;
}

/** Keyword search alone, for callers outside a search (experiments): the terms' statistics, then the candidates. */
export async function lexicalSearch(
  database: Queryable,
  options: {
    terms: ReadonlyArray<QueryTerm>;
    pairs?: ReadonlyArray<[string, string]>;
    filters: SearchFilters;
    limit: number;
  },
): Promise<RankedChunk[]> {
  if (options.terms.length === 0) return [];
  const statistics = await termStatistics(
    database,
    options.terms.map((entry) => entry.term),
  );
  const query = lexicalQuery({ statistics, terms: options.terms, pairs: options.pairs });
  if (query.terms.length === 0) return [];
  const parameters = new StatementParameters();
  const rows = await database.query<{ id: string; document_id: string; terms: string }>(
    `WITH candidates AS (${lexicalCandidates(parameters, query, options.limit)})
     SELECT c.id, c.document_id, c.title_terms || ' ' || c.body_terms AS terms
     FROM candidates JOIN chunks c ON c.id = candidates.id JOIN documents d ON d.id = c.document_id
     WHERE ${parameters.filters(options.filters)}`,
    parameters.values,
  );
  return rankLexical(
    rows.map((row) => ({ chunkId: Number(row.id), documentId: Number(row.document_id), terms: row.terms })),
    query,
    options.limit,
  );
}
