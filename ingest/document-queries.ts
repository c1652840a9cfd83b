import type { DocumentMetadata } from './document-metadata.ts';
import type { Queryable } from '../db/database.ts';

/** The newest stored version of each source. */
export type StoredSource = {
  id: number;
  version: number;
  contentHash: string;
  status: 'current' | 'superseded' | 'withdrawn';
};

/** Loads the newest version of every source, keyed by URI, so unchanged sources are skipped without parsing. */
export async function loadStoredSources(database: Queryable): Promise<Map<string, StoredSource>> {
  const rows = await database.query<{
    source_uri: string;
    id: number;
    version: number;
    content_hash: string;
    status: StoredSource['status'];
  }>(
    `SELECT DISTINCT ON (source_uri) source_uri, id, version, content_hash, status FROM documents ORDER BY source_uri, version DESC`,
  );
  return new Map(
    rows.map((row) => [
      row.source_uri,
      { id: Number(row.id), version: row.version, contentHash: row.content_hash, status: row.status },
    ]),
  );
}

export type NewDocument = {
  sourceUri: string;
  version: number;
  contentHash: string;
  format: string;
  metadata: DocumentMetadata;
  familyKey: string;
  body: string;
  extra: Record<string, unknown>;
};

/** Inserts one document version and returns its id. */
export async function insertDocument(database: Queryable, document: NewDocument): Promise<number> {
  const { metadata } = document;
  const rows = await database.query<{ id: number }>(
    `INSERT INTO documents (source_uri, version, content_hash, format, title, doc_type, index_number, issuer, document_number,
       written_date, published_date, effective_date, validity, topic, interprets, family_key, body, metadata, approver, expires_on, region)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11::date, $12::date, $13, $14, $15, $16, $17, $18::jsonb, $19, $20::date, $21::text[])
     RETURNING id`,
    [
      document.sourceUri,
      document.version,
      document.contentHash,
      document.format,
      metadata.title,
      metadata.docType,
      metadata.indexNumber ?? null,
      metadata.issuer ?? null,
      metadata.documentNumber ?? null,
      metadata.writtenDate ?? null,
      metadata.publishedDate ?? null,
      metadata.effectiveDate ?? null,
      metadata.validity,
      metadata.topic ?? null,
      metadata.interprets ?? null,
      document.familyKey,
      document.body,
      JSON.stringify({ ...document.extra, sourceUrl: metadata.sourceUrl }),
      metadata.approver ?? null,
      metadata.expiresOn ?? null,
      metadata.region ?? [],
    ],
  );
  return Number(rows[0]!.id);
}

/**
 * Gives documents stored before regions were recorded (migration 0008) their region, read from title and issuer, so an
 * existing index needs no re-ingest. A sidecar's `region` changes the content hash, so such documents are re-ingested.
 */
export async function fillMissingRegions(
  database: Queryable,
  extract: (document: { title: string; issuer: string | null }) => string[],
): Promise<number> {
  const rows = await database.query<{ id: number; title: string; issuer: string | null }>(
    'SELECT id, title, issuer FROM documents WHERE region IS NULL',
  );
  if (rows.length === 0) return 0;
  await database.query(
    `UPDATE documents d SET region = ARRAY(SELECT jsonb_array_elements_text(filled.region))
     FROM jsonb_to_recordset($1::jsonb) AS filled(id bigint, region jsonb) WHERE d.id = filled.id`,
    [JSON.stringify(rows.map((row) => ({ id: Number(row.id), region: extract(row) })))],
  );
  return rows.length;
}

/** Marks an older version superseded by a newer one; it stays stored (and citable) but leaves default retrieval. */
export async function supersedeDocument(database: Queryable, options: { oldId: number; newId: number }): Promise<void> {
  await database.query(`UPDATE documents SET status = 'superseded', superseded_by = $2 WHERE id = $1`, [
    options.oldId,
    options.newId,
  ]);
}

/** Brings a withdrawn source back when its unchanged file reappears. */
export async function restoreDocument(database: Queryable, id: number): Promise<void> {
  await database.query(`UPDATE documents SET status = 'current' WHERE id = $1 AND status = 'withdrawn'`, [id]);
}

/** Marks current documents withdrawn when their source no longer exists (`ingest --prune`). */
export async function withdrawDocuments(database: Queryable, ids: number[]): Promise<void> {
  if (ids.length > 0)
    await database.query(
      `UPDATE documents SET status = 'withdrawn' WHERE id = ANY($1::bigint[]) AND status = 'current'`,
      [ids],
    );
}

/**
 * Several files may hold editions of one regulation (same title, different dates): the newest is current and the
 * others are superseded and marked 已修订. Recomputed from scratch, so withdrawing the newest restores the previous one.
 */
export async function applyEditionSupersession(database: Queryable): Promise<{ superseded: number }> {
  // First undo earlier edition decisions, then decide again from the documents that are current now.
  await database.query(`
    UPDATE documents d SET status = 'current', superseded_by = NULL, validity = CASE WHEN d.validity = '已修订' THEN '有效' ELSE d.validity END
    FROM documents newer
    WHERE d.superseded_by = newer.id AND newer.source_uri <> d.source_uri AND d.status = 'superseded'`);
  const rows = await database.query<{ id: number }>(`
    WITH dated AS (
      SELECT id, family_key, COALESCE(published_date, written_date, effective_date) AS edition_date
      FROM documents
      WHERE status = 'current' AND doc_type = 'regulation' AND length(family_key) >= 4
        AND COALESCE(published_date, written_date, effective_date) IS NOT NULL
    ), ranked AS (
      SELECT id, first_value(id) OVER (PARTITION BY family_key ORDER BY edition_date DESC, id DESC) AS newest
      FROM dated
    )
    UPDATE documents d SET status = 'superseded', superseded_by = ranked.newest, validity = '已修订'
    FROM ranked WHERE d.id = ranked.id AND ranked.id <> ranked.newest
    RETURNING d.id`);
  return { superseded: rows.length };
}

/** Links each interpretation to the stored policy it explains, by 《title》 or 文号. */
export async function linkInterpretations(database: Queryable): Promise<void> {
  await database.query(`
    UPDATE documents i SET interprets_document_id = p.id
    FROM documents p
    WHERE i.doc_type = 'interpretation' AND i.interprets IS NOT NULL AND p.id <> i.id AND p.status = 'current'
      AND (p.title = i.interprets OR p.document_number = i.interprets OR p.title LIKE '%' || i.interprets || '%')
      AND i.interprets_document_id IS DISTINCT FROM p.id`);
}

/** A document version as `huiying docs` and the console's 知识库 page list it. */
export type DocumentSummary = {
  id: number;
  docType: string;
  title: string;
  documentNumber: string | null;
  issuer: string | null;
  publishedDate: string | null;
  validity: string;
  status: StoredSource['status'];
  version: number;
  sourceUri: string;
  /** The document's own web address, from its sidecar (`sourceUrl`), when it has one. */
  sourceUrl: string | null;
  indexNumber: string | null;
  topic: string | null;
  interprets: string | null;
  expiresOn: string | null;
  /** The document that replaced this one (a newer version or edition), if any. */
  supersededBy: number | null;
  chunks: number;
};

const SUMMARY_COLUMNS = `d.id, d.doc_type, d.title, d.document_number, d.issuer, to_char(d.published_date, 'YYYY-MM-DD') AS published_date,
  d.validity, d.status, d.version, d.source_uri, d.metadata->>'sourceUrl' AS source_url, d.index_number, d.topic, d.interprets, to_char(d.expires_on, 'YYYY-MM-DD') AS expires_on, d.superseded_by,
  (SELECT count(*)::int FROM chunks c WHERE c.document_id = d.id) AS chunks`;

function toSummary(row: Record<string, unknown>): DocumentSummary {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    id: Number(row.id),
    docType: String(row.doc_type),
    title: String(row.title),
    documentNumber: text(row.document_number),
    issuer: text(row.issuer),
    publishedDate: text(row.published_date),
    validity: String(row.validity),
    status: row.status as StoredSource['status'],
    version: Number(row.version),
    sourceUri: String(row.source_uri),
    sourceUrl: text(row.source_url),
    indexNumber: text(row.index_number),
    topic: text(row.topic),
    interprets: text(row.interprets),
    expiresOn: text(row.expires_on),
    supersededBy: row.superseded_by === null || row.superseded_by === undefined ? null : Number(row.superseded_by),
    chunks: Number(row.chunks),
  };
}

/** Current documents (or every version with `all`), by source and version. */
export async function listDocuments(database: Queryable, options: { all?: boolean } = {}): Promise<DocumentSummary[]> {
  const rows = await database.query<Record<string, unknown>>(
    `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE $1::boolean OR d.status = 'current' ORDER BY d.source_uri, d.version`,
    [options.all === true],
  );
  return rows.map(toSummary);
}

/** One document version with its text, and every version of the same source (newest first). */
export async function findDocument(
  database: Queryable,
  id: number,
): Promise<{ document: DocumentSummary; body: string; versions: DocumentSummary[] } | undefined> {
  const [row] = await database.query<Record<string, unknown>>(
    `SELECT ${SUMMARY_COLUMNS}, d.body FROM documents d WHERE d.id = $1`,
    [id],
  );
  if (!row) return undefined;
  const versions = await database.query<Record<string, unknown>>(
    `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.source_uri = $1 ORDER BY d.version DESC`,
    [row.source_uri],
  );
  return { document: toSummary(row), body: String(row.body), versions: versions.map(toSummary) };
}
