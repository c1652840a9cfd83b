import type { Chunk } from './chunk-document.ts';
import type { Queryable } from '../db/database.ts';

/** A chunk ready to store: its place in the document plus segmented terms and embedding. */
export type NewChunk = Chunk & {
  documentId: number;
  titleTerms: string;
  bodyTerms: string;
  embedding: Float32Array;
};

const HEADING_SEPARATOR = ' > ';

/** Stores many chunks in one bulk insert. */
export async function insertChunks(database: Queryable, chunks: ReadonlyArray<NewChunk>): Promise<void> {
  await database.bulkInsert({
    table: 'chunks',
    columns: [
      { name: 'document_id', type: 'int8' },
      { name: 'ordinal', type: 'int4' },
      { name: 'heading_path', type: 'text' },
      { name: 'article_label', type: 'text' },
      { name: 'article_number', type: 'int4' },
      { name: 'start_offset', type: 'int4' },
      { name: 'end_offset', type: 'int4' },
      { name: 'content', type: 'text' },
      { name: 'title_terms', type: 'text' },
      { name: 'body_terms', type: 'text' },
      { name: 'embedding', type: 'vector' },
    ],
    rows: chunks.map((chunk) => [
      chunk.documentId,
      chunk.ordinal,
      chunk.headingPath.join(HEADING_SEPARATOR),
      chunk.articleLabel ?? null,
      chunk.articleNumber ?? null,
      chunk.start,
      chunk.end,
      chunk.content,
      chunk.titleTerms,
      chunk.bodyTerms,
      Array.from(chunk.embedding),
    ]),
  });
}

/** Splits a stored heading path back into its headings. */
export function splitHeadingPath(stored: string): string[] {
  return stored === '' ? [] : stored.split(HEADING_SEPARATOR);
}
