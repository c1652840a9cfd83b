import type { Queryable } from '../db/database.ts';
import type { QueryTerm } from './expand-query.ts';
import { filterConditions, type SearchFilters } from './search-filters.ts';

// Terms in more than this share of chunks say little and make matching slow (FACTS.md: ranking every match is the cost).
const MAX_DOCUMENT_SHARE = 0.15;
const MAX_TERMS = 12;

export type RankedChunk = { chunkId: number; score: number };

/**
 * Keyword search over the jieba-segmented `tsvector`: each query term is weighted by its rarity (BM25's IDF) and a
 * chunk scores the sum of the weights of the terms it contains. Each term is one GIN lookup, so the cost grows with
 * the rare terms' postings, not with the whole table.
 */
export async function lexicalSearch(database: Queryable, options: { terms: ReadonlyArray<QueryTerm>; filters: SearchFilters; limit: number }): Promise<RankedChunk[]> {
  const weighted = await weighTerms(database, options.terms);
  if (weighted.length === 0) return [];
  const params: unknown[] = [];
  const branches = weighted.map(({ term, weight }) => {
    params.push(`'${term}'`, weight);
    return `SELECT id, $${params.length}::float8 AS weight FROM chunks WHERE tsv @@ $${params.length - 1}::tsquery`;
  });
  const filters = filterConditions(options.filters, params.length + 2);
  const rows = await database.query<{ id: number; score: number }>(
    `WITH scored AS (
       SELECT id, sum(weight) AS score FROM (${branches.join(' UNION ALL ')}) hits GROUP BY id
     )
     SELECT s.id, s.score FROM scored s JOIN chunks c ON c.id = s.id JOIN documents d ON d.id = c.document_id
     WHERE ${filters.sql}
     ORDER BY s.score DESC, s.id LIMIT $${params.length + 1}`,
    [...params, options.limit, ...filters.params],
  );
  return rows.map((row) => ({ chunkId: Number(row.id), score: Number(row.score) }));
}

/** Looks up how many chunks contain each term and turns that into a weight; unknown and near-universal terms are dropped. */
async function weighTerms(database: Queryable, terms: ReadonlyArray<QueryTerm>): Promise<QueryTerm[]> {
  if (terms.length === 0) return [];
  const rows = await database.query<{ term: string; document_frequency: number }>(
    `SELECT term, document_frequency FROM lexicon WHERE term = ANY($1::text[])`,
    [terms.map((entry) => entry.term)],
  );
  const total = await chunkCount(database);
  const frequency = new Map(rows.map((row) => [row.term, row.document_frequency]));
  return terms
    .map(({ term, weight }) => {
      const df = frequency.get(term) ?? 0;
      const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
      return { term, weight: df === 0 || df > total * MAX_DOCUMENT_SHARE ? 0 : weight * idf };
    })
    .filter((entry) => entry.weight > 0)
    .sort((left, right) => right.weight - left.weight)
    .slice(0, MAX_TERMS);
}

async function chunkCount(database: Queryable): Promise<number> {
  const rows = await database.query<{ value: string }>(`SELECT value FROM index_settings WHERE key = 'lexicon_chunks'`);
  return Math.max(1, Number(rows[0]?.value ?? 1));
}
