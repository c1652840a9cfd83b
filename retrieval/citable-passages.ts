import type { Queryable } from '../db/database.ts';
import { splitHeadingPath } from '../ingest/chunk-queries.ts';
import type { DocumentType } from '../ingest/document-metadata.ts';
import { formatCitation } from './format-citation.ts';

/** A passage as a draft's source list needs it: its citation, its text, where it stands, and whether it is in force. */
export type CitablePassageRecord = {
  chunkId: number;
  citation: string;
  content: string;
  articleLabel: string | null;
  sourceUri: string;
  start: number;
  end: number;
  /** The document is current and valid (有效 or 尚未生效), as search returns by default. */
  inForce: boolean;
  /** How a reply introduces a quote of it: 根据《…》第X条规定 for a provision of a normative document, 《…》载明 otherwise. */
  attribution: string;
};

/** The passages with these chunk ids that still exist (a re-ingested document has new ones), by id. */
export async function findCitablePassages(
  database: Queryable,
  chunkIds: ReadonlyArray<number>,
): Promise<Map<number, CitablePassageRecord>> {
  if (chunkIds.length === 0) return new Map();
  const rows = await database.query<Record<string, unknown>>(
    `SELECT c.id, c.heading_path, c.article_label, c.start_offset, c.end_offset, c.content,
            d.title, d.doc_type, d.document_number, d.validity, d.status, d.source_uri
     FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ANY($1::bigint[])`,
    [[...chunkIds]],
  );
  return new Map(
    rows.map((row) => {
      const document = {
        title: row.title as string,
        docType: row.doc_type as DocumentType,
        documentNumber: (row.document_number as string | null) ?? null,
        validity: row.validity as string,
        status: row.status as string,
      };
      const articleLabel = (row.article_label as string | null) ?? null;
      const cited = {
        document: document as Parameters<typeof formatCitation>[0]['document'],
        articleLabel,
        headingPath: splitHeadingPath(row.heading_path as string),
      };
      const citation = formatCitation(cited);
      // As drafting attributes a quote: the article names a provision; a heading inside an FAQ or notice does not.
      const source = formatCitation(articleLabel ? cited : { ...cited, headingPath: [] });
      const normative = document.docType === 'regulation' || document.docType === 'policy';
      return [
        Number(row.id),
        {
          chunkId: Number(row.id),
          citation,
          content: row.content as string,
          articleLabel,
          sourceUri: row.source_uri as string,
          start: Number(row.start_offset),
          end: Number(row.end_offset),
          inForce: document.status === 'current' && ['有效', '尚未生效'].includes(document.validity),
          attribution: normative ? `根据${source}规定` : `${source}载明`,
        },
      ];
    }),
  );
}
