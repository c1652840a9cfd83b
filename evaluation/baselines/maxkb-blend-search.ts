import type { Database } from '../../db/database.ts';
import type { Embedder } from '../../embed/embedder.ts';
import type { RankedChunk } from '../../retrieval/lexical-search.ts';
import { vectorSearch } from '../../retrieval/vector-search.ts';
import { segment } from '../../text/segmenter.ts';

/**
 * MaxKB's blend search, reimplemented from its published SQL (1Panel-dev/MaxKB, apps/knowledge/sql/blend_search.sql)
 * over huiying's own index: the nearest LEAST(n × 10, 500) passages by cosine distance, each scored
 * 1 − distance + ts_rank_cd(jieba tsvector, websearch_to_tsquery('simple', the jieba-segmented question), 32), best
 * first. The keyword rank only re-orders what the vectors found. MaxKB segments with jieba's full mode; huiying's
 * index holds jieba's search-mode terms, so the question is segmented the same way. MaxKB's similarity cut-off is
 * left out: recall is measured on the whole ranking.
 */
export async function maxkbBlendSearch(options: {
  database: Database;
  embedder: Embedder;
  query: string;
  limit: number;
}): Promise<RankedChunk[]> {
  const [embedding] = await options.embedder.embed([options.query]);
  const nearest = await vectorSearch(options.database, {
    vector: embedding!,
    dimensions: options.embedder.dimensions,
    filters: {},
    limit: Math.min(options.limit * 10, 500),
  });
  if (nearest.length === 0) return [];
  const words = segment(options.query).join(' ');
  const rows = await options.database.query<{ id: string; rank: number }>(
    `SELECT c.id, COALESCE(ts_rank_cd(c.tsv, websearch_to_tsquery('simple', $2), 32), 0) AS rank
     FROM chunks c WHERE c.id = ANY($1::bigint[])`,
    [nearest.map((result) => result.chunkId), words],
  );
  const keywordRank = new Map(rows.map((row) => [Number(row.id), Number(row.rank)]));
  return nearest
    .map((result) => ({ chunkId: result.chunkId, score: result.score + (keywordRank.get(result.chunkId) ?? 0) }))
    .sort((left, right) => right.score - left.score || left.chunkId - right.chunkId)
    .slice(0, options.limit);
}
