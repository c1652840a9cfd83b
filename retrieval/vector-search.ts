import pgvector from 'pgvector';
import type { RankedChunk } from './lexical-search.ts';
import type { SearchFilters } from './search-filters.ts';
import type { Queryable } from '../db/database.ts';
import { StatementParameters } from './statement-parameters.ts';

/**
 * The expression, for a search's first statement, that asks the HNSW index for the nearest chunks by cosine distance
 * with the filters applied (migration 0009's `nearest_chunks`, which sets ef_search and iterative scans for that
 * statement alone), as a JSON array of [id, distance].
 */
export function nearestChunksExpression(
  parameters: StatementParameters,
  options: { vector: Float32Array; dimensions: number; filters: SearchFilters; limit: number },
): string {
  const call = `nearest_chunks(${parameters.bind(pgvector.toSql(Array.from(options.vector)))}, ${parameters.bind(options.dimensions)}::int, ${parameters.bind(options.limit)}::int, ${parameters.bind(JSON.stringify(filterValues(options.filters)))}::jsonb)`;
  return `COALESCE((SELECT json_agg(json_build_array(n.id, n.distance)) FROM ${call} n), '[]'::json)`;
}

/** The nearest chunks, closest first (relaxed order may return neighbours slightly out of order). */
export function rankNearest(rows: ReadonlyArray<[number | string, number]>): RankedChunk[] {
  return rows
    .map(([id, distance]) => ({ chunkId: Number(id), score: 1 - Number(distance) }))
    .sort((left, right) => right.score - left.score);
}

// The filters as nearest_chunks reads them; the same rules as filterConditions (search-filters.ts).
function filterValues(filters: SearchFilters): Record<string, unknown> {
  return {
    ...(filters.includeInvalid
      ? { includeInvalid: true }
      : { asOf: filters.asOf ?? new Date().toISOString().slice(0, 10) }),
    ...(filters.types && filters.types.length > 0 && { types: [...filters.types] }),
    ...(filters.issuer && { issuer: filters.issuer }),
    ...(filters.from && { from: filters.from }),
    ...(filters.to && { to: filters.to }),
    ...(filters.jurisdiction && { jurisdiction: [...filters.jurisdiction] }),
  };
}

/** Nearest chunks by cosine distance on the HNSW index, filters applied, in one statement (for callers outside a search). */
export async function vectorSearch(
  database: Queryable,
  options: { vector: Float32Array; dimensions: number; filters: SearchFilters; limit: number },
): Promise<RankedChunk[]> {
  const parameters = new StatementParameters();
  const [row] = await database.query<{ nearest: Array<[number, number]> }>(
    `SELECT ${nearestChunksExpression(parameters, options)} AS nearest`,
    parameters.values,
  );
  return rankNearest(row!.nearest);
}
