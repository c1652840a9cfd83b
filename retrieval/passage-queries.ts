import { formatCitation } from './format-citation.ts';
import type { Queryable } from '../db/database.ts';
import { splitHeadingPath } from '../ingest/chunk-queries.ts';

export type Passage = {
  chunkId: number;
  title: string;
  citation: string;
  body: string;
  start: number;
  end: number;
  sourceUri: string;
  /** The document's own web address, from its sidecar, when it has one. */
  sourceUrl: string | null;
  status: string;
};

/** A chunk with the whole text of its document and its offsets in it, for showing a citation in context. */
export async function findPassage(database: Queryable, chunkId: number): Promise<Passage | undefined> {
  const [row] = await database.query<{
    title: string;
    document_number: string | null;
    status: string;
    validity: string;
    body: string;
    source_uri: string;
    source_url: string | null;
    article_label: string | null;
    heading_path: string;
    start_offset: number;
    end_offset: number;
    region: string[] | null;
  }>(
    `SELECT d.title, d.document_number, d.status, d.validity, d.region, d.body, d.source_uri, d.metadata->>'sourceUrl' AS source_url, c.article_label, c.heading_path, c.start_offset, c.end_offset
     FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = $1`,
    [chunkId],
  );
  if (!row) return undefined;
  const citation = formatCitation({
    document: {
      title: row.title,
      documentNumber: row.document_number,
      status: row.status,
      validity: row.validity,
      region: row.region ?? [],
    } as Parameters<typeof formatCitation>[0]['document'],
    articleLabel: row.article_label,
    headingPath: splitHeadingPath(row.heading_path),
  });
  return {
    chunkId,
    title: row.title,
    citation,
    body: row.body,
    start: row.start_offset,
    end: row.end_offset,
    sourceUri: row.source_uri,
    sourceUrl: row.source_url,
    status: row.status,
  };
}
