import type { Database } from '../../db/database.ts';
import type { Embedder } from '../../embed/embedder.ts';
import type { RankedChunk } from '../../retrieval/lexical-search.ts';
import { fastgptRecall } from './fastgpt-recall.ts';
import { maxkbBlendSearch } from './maxkb-blend-search.ts';
import type { Retriever } from '../run-retrieval-eval.ts';

/** A peer's retrieval, reimplemented over huiying's index, to be measured beside huiying in the same run. */
export type Baseline = {
  name: string;
  search(options: { database: Database; embedder: Embedder; query: string; limit: number }): Promise<RankedChunk[]>;
};

export const BASELINES: ReadonlyArray<Baseline> = [
  { name: 'maxkb-blend', search: maxkbBlendSearch },
  { name: 'fastgpt-rrf', search: fastgptRecall },
];

/** The source, article and text of ranked chunks, in rank order, for scoring a baseline like huiying's results. */
export async function passagesOf(
  database: Database,
  ranked: ReadonlyArray<RankedChunk>,
): Promise<Array<{ sourceUri: string; articleLabel: string | null; content: string }>> {
  if (ranked.length === 0) return [];
  const rows = await database.query<{ id: string; source_uri: string; article_label: string | null; content: string }>(
    `SELECT c.id, d.source_uri, c.article_label, c.content FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE c.id = ANY($1::bigint[])`,
    [ranked.map((result) => result.chunkId)],
  );
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return ranked.flatMap((result) => {
    const row = byId.get(result.chunkId);
    return row ? [{ sourceUri: row.source_uri, articleLabel: row.article_label, content: row.content }] : [];
  });
}

/** A baseline as a retriever the retrieval evaluation can score. */
export function baselineRetriever(
  baseline: Baseline,
  context: { database: Database; embedder: Embedder },
): { label: string; retrieve: Retriever } {
  return {
    label: baseline.name,
    retrieve: async (question, limit) =>
      passagesOf(context.database, await baseline.search({ ...context, query: question, limit })),
  };
}
