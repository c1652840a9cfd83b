import type { Queryable } from '../db/database.ts';

export type TermStatistics = {
  /** Chunks containing each term; terms the index does not know are missing. */
  documentFrequency: Map<string, number>;
  /** Chunks in the index when its lexicon was last built. */
  chunks: number;
  averageLength: number;
};

/** How many chunks contain each term, and the collection statistics stored beside them, in one round trip. */
export async function termStatistics(database: Queryable, terms: ReadonlyArray<string>): Promise<TermStatistics> {
  const rows = await database.query<{ term: string; document_frequency: number; kind: string }>(
    `SELECT term, document_frequency, 'term' AS kind FROM lexicon WHERE term = ANY($1::text[])
     UNION ALL SELECT key, value::float8::int, 'setting' FROM index_settings WHERE key IN ('lexicon_chunks', 'lexicon_average_length')`,
    [terms],
  );
  const setting = (key: string) =>
    Math.max(1, rows.find((row) => row.kind === 'setting' && row.term === key)?.document_frequency ?? 1);
  return {
    documentFrequency: new Map(
      rows.filter((row) => row.kind === 'term').map((row) => [row.term, Number(row.document_frequency)]),
    ),
    chunks: setting('lexicon_chunks'),
    averageLength: setting('lexicon_average_length'),
  };
}

/** BM25's inverse document frequency: rare terms weigh most; a term no chunk contains weighs most of all. */
export function inverseDocumentFrequency(statistics: TermStatistics, term: string): number {
  const frequency = statistics.documentFrequency.get(term) ?? 0;
  return Math.log(1 + (statistics.chunks - frequency + 0.5) / (frequency + 0.5));
}
