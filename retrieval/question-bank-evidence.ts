import type { Queryable } from '../db/database.ts';
import type { BankCitation } from '../ingest/question-bank-queries.ts';
import type { BankNeighbour } from './question-bank-index.ts';
import type { SearchFilters } from './search-filters.ts';
import { StatementParameters } from './statement-parameters.ts';

/** What the neighbours' answers say about the new question: the passages and documents they cited, weighted. */
export type BankEvidence = {
  /** Neighbours whose every citation still stands in a current, searchable text (the rest are dropped). */
  neighbours: Array<BankNeighbour & { chunkIds: number[] }>;
  /** Per cited chunk: the sum of the weights of the neighbours citing it, each shared among the chunks of its citation. */
  chunks: Map<number, number>;
  /** Per cited document: the sum of the weights of the neighbours citing anything in it, and how many they are. */
  documents: Map<number, { support: number; citedBy: number }>;
};

const compact = (text: string) => text.replace(/\s+/g, '');
// Enough of a quote to find its passage, short enough to survive a chunk boundary (as the evaluation matches gold).
const QUOTE_PREFIX = 24;

export type CitedRow = {
  citation: number;
  chunk_id: string | null;
  document_id: string;
  content: string;
  allowed: boolean;
};

/**
 * Maps each neighbour's citations to the current chunks by document and article (or by the quote's opening words),
 * not by chunk id, so a re-ingested document still matches. A citation whose text no longer stands in the current
 * version (the article was amended, the document superseded, repealed or filtered out) drops its whole answer: an
 * answer resting on superseded text must not steer a new one.
 */
export async function questionBankEvidence(
  database: Queryable,
  options: { neighbours: ReadonlyArray<BankNeighbour>; filters: SearchFilters },
): Promise<BankEvidence> {
  const citations = neighbourCitations(options.neighbours);
  const rows = citations.length === 0 ? [] : await citedChunks(database, citations, options.filters);
  return evidenceFrom(options.neighbours, rows);
}

/** The neighbours' citations in order, each with the position of its neighbour. */
export function neighbourCitations(
  neighbours: ReadonlyArray<BankNeighbour>,
): Array<{ neighbour: number; citation: BankCitation }> {
  return neighbours.flatMap((neighbour, index) =>
    neighbour.entry.citations.map((citation) => ({ neighbour: index, citation })),
  );
}

/**
 * What questionBankEvidence reads, as a JSON expression a larger statement can carry (hybridSearch's first): the rows
 * for `neighbourCitations(neighbours)`, in the order evidenceFrom expects.
 */
export function citedChunksExpression(
  parameters: StatementParameters,
  citations: ReadonlyArray<{ citation: BankCitation }>,
  filters: SearchFilters,
): string {
  if (citations.length === 0) return `'[]'::json`;
  return `(SELECT COALESCE(json_agg(json_build_array(cited_rows.citation, cited_rows.chunk_id, cited_rows.document_id,
            cited_rows.content, cited_rows.allowed) ORDER BY cited_rows.n, cited_rows.ordinal), '[]'::json)
           FROM (${citedChunksSelect(parameters, citations, filters)}) cited_rows)`;
}

/** The rows citedChunksExpression returned, as questionBankEvidence's own statement returns them. */
export function citedRowsOf(json: ReadonlyArray<[number, number | null, number, string, boolean]>): CitedRow[] {
  return json.map(([citation, chunkId, documentId, content, allowed]) => ({
    citation,
    chunk_id: chunkId === null ? null : String(chunkId),
    document_id: String(documentId),
    content,
    allowed,
  }));
}

/** The evidence of the neighbours from the rows read for their citations (`neighbourCitations`, in that order). */
export function evidenceFrom(neighbours: ReadonlyArray<BankNeighbour>, rows: ReadonlyArray<CitedRow>): BankEvidence {
  const citations = neighbourCitations(neighbours);
  const byCitation = new Map<number, CitedRow[]>();
  for (const row of rows) {
    const list = byCitation.get(Number(row.citation));
    if (list) list.push(row);
    else byCitation.set(Number(row.citation), [row]);
  }
  const evidence: BankEvidence = { neighbours: [], chunks: new Map(), documents: new Map() };
  neighbours.forEach((neighbour, index) => {
    const own = citations.flatMap((entry, position) => (entry.neighbour === index ? [position] : []));
    const resolved = own.map((position) => standing(citations[position]!.citation, byCitation.get(position) ?? []));
    if (resolved.some((chunks) => chunks.length === 0)) return;
    const passages = resolved.map((rows) => rows.filter((row) => row.chunk_id !== null));
    evidence.neighbours.push({ ...neighbour, chunkIds: passages.flat().map((row) => Number(row.chunk_id)) });
    for (const rows of passages)
      for (const row of rows)
        evidence.chunks.set(
          Number(row.chunk_id),
          (evidence.chunks.get(Number(row.chunk_id)) ?? 0) + neighbour.weight / rows.length,
        );
    // A whole-document citation informs which document, not which passage.
    const documents = new Set(resolved.flat().map((row) => Number(row.document_id)));
    for (const document of documents) {
      const known = evidence.documents.get(document);
      evidence.documents.set(document, {
        support: (known?.support ?? 0) + neighbour.weight,
        citedBy: (known?.citedBy ?? 0) + 1,
      });
    }
  });
  return evidence;
}

/**
 * For each citation of an approved past answer, whether it still stands in the current text and the current chunks
 * carrying it (none for a whole-document citation), mapped as the bank's evidence maps them: by document and article
 * or by the quote's opening words, never by an old chunk id.
 */
export async function resolveBankCitations(
  database: Queryable,
  citations: ReadonlyArray<BankCitation>,
  filters: SearchFilters = {},
): Promise<Array<{ stands: boolean; chunkIds: number[] }>> {
  if (citations.length === 0) return [];
  const rows = await citedChunks(
    database,
    citations.map((citation) => ({ citation })),
    filters,
  );
  return citations.map((citation, index) => {
    const standingRows = standing(
      citation,
      rows.filter((row) => Number(row.citation) === index),
    );
    return {
      stands: standingRows.length > 0,
      chunkIds: standingRows.flatMap((row) => (row.chunk_id === null ? [] : [Number(row.chunk_id)])),
    };
  });
}

// The rows of a citation that still carry its text (and that the filters allow); none means it no longer stands.
function standing(citation: BankCitation, rows: CitedRow[]): CitedRow[] {
  const allowed = rows.filter((row) => row.allowed);
  if (allowed.length === 0 || citation.quote === '') return allowed;
  const quote = compact(citation.quote);
  if (citation.articleLabel !== null)
    return compact(allowed.map((row) => row.content).join('')).includes(quote) ? allowed : [];
  const prefix = quote.slice(0, QUOTE_PREFIX);
  return allowed.filter((row) => {
    const content = compact(row.content);
    // A quote longer than its passage ran over a chunk boundary: its opening has to do.
    return content.includes(quote) || (quote.length > content.length && content.includes(prefix));
  });
}

async function citedChunks(
  database: Queryable,
  citations: ReadonlyArray<{ citation: BankCitation }>,
  filters: SearchFilters,
): Promise<CitedRow[]> {
  const parameters = new StatementParameters();
  return database.query<CitedRow>(
    `${citedChunksSelect(parameters, citations, filters)} ORDER BY n, ordinal`,
    parameters.values,
  );
}

function citedChunksSelect(
  parameters: StatementParameters,
  citations: ReadonlyArray<{ citation: BankCitation }>,
  filters: SearchFilters,
): string {
  // The SQL narrows by a piece of the quote's opening that has no space in it (the stored text may have spaces where
  // the quote has none); the exact check on compacted text is made on what comes back.
  const openings = citations.map(
    ({ citation }) =>
      citation.quote
        .split(/\s+/)
        .find((piece) => piece.length >= 4)
        ?.slice(0, 12) ?? '',
  );
  const sourceUris = parameters.bind(citations.map(({ citation }) => citation.sourceUri));
  const articleLabels = parameters.bind(citations.map(({ citation }) => citation.articleLabel));
  const opening = parameters.bind(openings);
  const whole = parameters.bind(
    citations.map(({ citation }) => citation.articleLabel === null && citation.quote === ''),
  );
  const allowed = parameters.filters(filters);
  return `SELECT cited.n - 1 AS citation, c.id AS chunk_id, d.id AS document_id, c.content, (${allowed}) AS allowed,
            cited.n, c.ordinal
     FROM unnest(${sourceUris}::text[], ${articleLabels}::text[], ${opening}::text[], ${whole}::boolean[]) WITH ORDINALITY AS cited(source_uri, article_label, opening, whole, n)
     JOIN documents d ON d.source_uri = cited.source_uri AND d.status = 'current'
     JOIN LATERAL (
       SELECT id, content, ordinal FROM chunks
       WHERE document_id = d.id AND NOT cited.whole
         AND (CASE WHEN cited.article_label IS NOT NULL THEN article_label = cited.article_label
                   ELSE strpos(content, cited.opening) > 0 END)
       UNION ALL
       -- A whole-document citation: one row stands for the document.
       SELECT NULL, '', 0 WHERE cited.whole
     ) c ON TRUE`;
}
