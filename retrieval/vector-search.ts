import pgvector from 'pgvector';
import type { Database } from '../db/database.ts';
import type { RankedChunk } from './lexical-search.ts';
import { filterConditions, type SearchFilters } from './search-filters.ts';

/** Nearest chunks by cosine distance on the HNSW index; filters are applied with pgvector's iterative index scan. */
export async function vectorSearch(
  database: Database,
  options: { vector: Float32Array; dimensions: number; filters: SearchFilters; limit: number },
): Promise<RankedChunk[]> {
  const filters = filterConditions(options.filters, 3);
  const expression = `c.embedding::vector(${options.dimensions})`;
  return database.transaction(async (transaction) => {
    // ef_search bounds how many neighbours the index returns: it must cover the candidates asked for.
    await transaction.exec(
      `SET LOCAL hnsw.ef_search = ${Math.max(40, Math.min(1000, options.limit))}; SET LOCAL hnsw.iterative_scan = relaxed_order`,
    );
    const rows = await transaction.query<{ id: number; distance: number }>(
      `SELECT c.id, ${expression} <=> $1::vector(${options.dimensions}) AS distance
       FROM chunks c JOIN documents d ON d.id = c.document_id
       WHERE ${filters.sql}
       ORDER BY ${expression} <=> $1::vector(${options.dimensions}) LIMIT $2`,
      [pgvector.toSql(Array.from(options.vector)), options.limit, ...filters.params],
    );
    // relaxed_order may return neighbours slightly out of order.
    return rows
      .map((row) => ({ chunkId: Number(row.id), score: 1 - Number(row.distance) }))
      .sort((left, right) => right.score - left.score);
  });
}
