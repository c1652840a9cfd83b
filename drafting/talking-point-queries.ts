import { filterConditions } from '../retrieval/search-filters.ts';
import type { Queryable } from '../db/database.ts';

export type TalkingPoint = {
  documentId: number;
  title: string;
  sourceUri: string;
  approver: string | null;
  expiresOn: string | null;
  chunks: Array<{ id: number; content: string; start: number; end: number }>;
};

/**
 * Every talking point (口径) in force on `asOf`, whole, with its chunks in order. An office has tens or hundreds of
 * them, so they are read directly rather than searched for among all passages: a search's candidate cut-off could
 * leave a matching talking point out in a large corpus.
 */
export async function listTalkingPoints(database: Queryable, options: { asOf?: string }): Promise<TalkingPoint[]> {
  const filters = filterConditions({ types: ['talking-points'], asOf: options.asOf }, 1);
  const rows = await database.query<{
    document_id: string;
    title: string;
    source_uri: string;
    approver: string | null;
    expires_on: string | null;
    id: string;
    content: string;
    start_offset: number;
    end_offset: number;
  }>(
    `SELECT d.id AS document_id, d.title, d.source_uri, d.approver, to_char(d.expires_on, 'YYYY-MM-DD') AS expires_on,
            c.id, c.content, c.start_offset, c.end_offset
     FROM documents d JOIN chunks c ON c.document_id = d.id
     WHERE ${filters.sql} ORDER BY d.id, c.ordinal`,
    filters.params,
  );
  const byDocument = new Map<number, TalkingPoint>();
  for (const row of rows) {
    const documentId = Number(row.document_id);
    let point = byDocument.get(documentId);
    if (!point) {
      point = {
        documentId,
        title: row.title,
        sourceUri: row.source_uri,
        approver: row.approver,
        expiresOn: row.expires_on,
        chunks: [],
      };
      byDocument.set(documentId, point);
    }
    point.chunks.push({ id: Number(row.id), content: row.content, start: row.start_offset, end: row.end_offset });
  }
  return [...byDocument.values()];
}
