import type { Database } from '../../db/database.ts';
import type { Embedder } from '../../embed/embedder.ts';
import { fuseRankings } from '../../retrieval/fuse-rankings.ts';
import type { RankedChunk } from '../../retrieval/lexical-search.ts';
import { filterConditions } from '../../retrieval/search-filters.ts';
import { vectorSearch } from '../../retrieval/vector-search.ts';
import { segmentWords } from '../../text/segmenter.ts';

// FastGPT's recall limits in mixed mode (packages/service/core/dataset/search/controller.ts, countRecallLimit).
const EMBEDDING_LIMIT = 80;
const FULL_TEXT_LIMIT = 60;

/**
 * FastGPT's mixed recall, reimplemented from its published code (labring/FastGPT,
 * packages/service/core/dataset/search/controller.ts) over huiying's own index: the 80 nearest passages by vector
 * and the 60 best full-text matches of the question's jieba words (any of them; FastGPT asks MongoDB's text index and
 * sorts by its text score, here PostgreSQL's ts_rank on the same jieba tsvector), merged by reciprocal rank fusion
 * with k = 60 and equal weights, passages with the same text kept once. No re-ranking model (none offline).
 */
export async function fastgptRecall(options: {
  database: Database;
  embedder: Embedder;
  query: string;
  limit: number;
}): Promise<RankedChunk[]> {
  const [embedding] = await options.embedder.embed([options.query]);
  const vector = await vectorSearch(options.database, {
    vector: embedding!,
    dimensions: options.embedder.dimensions,
    filters: {},
    limit: EMBEDDING_LIMIT,
  });
  const words = [...new Set(segmentWords(options.query))];
  const filters = filterConditions({}, 3);
  const fullText =
    words.length === 0
      ? []
      : await options.database.query<{ id: string; rank: number }>(
          `SELECT c.id, ts_rank(c.tsv, to_tsquery('simple', $1)) AS rank
           FROM chunks c JOIN documents d ON d.id = c.document_id
           WHERE c.tsv @@ to_tsquery('simple', $1) AND ${filters.sql}
           ORDER BY rank DESC, c.id LIMIT $2`,
          [words.map((word) => `'${word}'`).join(' | '), FULL_TEXT_LIMIT, ...filters.params],
        );
  const fused = fuseRankings([
    { results: vector },
    { results: fullText.map((row) => ({ chunkId: Number(row.id), score: Number(row.rank) })) },
  ]);
  return withoutRepeatedText(options.database, fused, options.limit);
}

// FastGPT drops results whose text (letters and digits only) repeats an earlier one.
async function withoutRepeatedText(database: Database, fused: RankedChunk[], limit: number): Promise<RankedChunk[]> {
  if (fused.length === 0) return [];
  const rows = await database.query<{ id: string; content: string }>(
    'SELECT id, content FROM chunks WHERE id = ANY($1::bigint[])',
    [fused.map((result) => result.chunkId)],
  );
  const text = new Map(rows.map((row) => [Number(row.id), row.content.replace(/[^\p{L}\p{N}]/gu, '')]));
  const seen = new Set<string>();
  return fused
    .filter((result) => {
      const key = text.get(result.chunkId) ?? '';
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit);
}
