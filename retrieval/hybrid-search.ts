import { DEFAULTS, type QuestionBankSettings } from '../config/defaults.ts';
import type { Database } from '../db/database.ts';
import { splitHeadingPath } from '../ingest/chunk-queries.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { DocumentType } from '../ingest/document-metadata.ts';
import { findArticleReferences, resolveArticleReferences } from './article-reference.ts';
import { expandQuery } from './expand-query.ts';
import { fuseRankings } from './fuse-rankings.ts';
import { applyQuestionBank } from './apply-question-bank.ts';
import { lexicalSearch, type RankedChunk } from './lexical-search.ts';
import { preferNational } from './prefer-national.ts';
import type { SearchFilters } from './search-filters.ts';
import { vectorSearch } from './vector-search.ts';

export type SearchMode = 'hybrid' | 'vector' | 'lexical';

export type SearchOptions = {
  database: Database;
  embedder: Embedder;
  query: string;
  /** @default 'hybrid' */
  mode?: SearchMode;
  /** Passages to return. @default 10 */
  limit?: number;
  /** Passages each method contributes before fusion. @default 100 */
  candidates?: number;
  filters?: SearchFilters;
  /** Weight of the vector ranking against the keyword ranking (1) in fusion. @default the embedder's fusionWeight */
  vectorWeight?: number;
  /**
   * Fuse in the passages that approved answers to similar past questions cited (hybrid mode only); false searches
   * the documents alone; settings override DEFAULTS.questionBank (the evaluation calibrates them). @default true
   */
  questionBank?: boolean | Partial<QuestionBankSettings>;
};

/** A retrieved passage with everything a citation needs. */
export type SearchResult = {
  chunkId: number;
  rank: number;
  score: number;
  matchedBy: Array<'article-reference' | 'lexical' | 'vector' | 'question-bank'>;
  document: {
    id: number;
    title: string;
    docType: DocumentType;
    issuer: string | null;
    documentNumber: string | null;
    publishedDate: string | null;
    validity: string;
    status: string;
    sourceUri: string;
    version: number;
    /** Where a local document has force, highest level first; [] for a national one. */
    region: string[];
  };
  headingPath: string[];
  articleLabel: string | null;
  articleNumber: number | null;
  start: number;
  end: number;
  content: string;
};

/** Hybrid retrieval: keyword and vector rankings fused by RRF, with articles named in the question placed first. */
export async function hybridSearch(options: SearchOptions): Promise<SearchResult[]> {
  const mode = options.mode ?? 'hybrid';
  const limit = options.limit ?? DEFAULTS.searchLimit;
  const candidates = Math.max(limit, options.candidates ?? DEFAULTS.searchCandidates);
  const filters = options.filters ?? {};
  const { terms, pairs, expansionText } = expandQuery(options.query);

  const lexical =
    mode === 'vector' ? [] : await lexicalSearch(options.database, { terms, pairs, filters, limit: candidates });
  let vector: RankedChunk[] = [];
  if (mode !== 'lexical') {
    const [embedding] = await options.embedder.embed([
      expansionText ? `${options.query}\n${expansionText}` : options.query,
    ]);
    vector = await vectorSearch(options.database, {
      vector: embedding!,
      dimensions: options.embedder.dimensions,
      filters,
      limit: candidates,
    });
  }
  const vectorWeight = options.vectorWeight ?? options.embedder.fusionWeight;
  const searched =
    mode === 'hybrid'
      ? fuseRankings([{ results: lexical }, { results: vector, weight: vectorWeight }])
      : mode === 'lexical'
        ? lexical
        : vector;
  const { fused, bankChunkIds } =
    mode === 'hybrid' && options.questionBank !== false
      ? await applyQuestionBank(options.database, {
          query: options.query,
          fused: searched,
          filters,
          scale: 1 + vectorWeight,
          settings: {
            ...DEFAULTS.questionBank,
            ...(typeof options.questionBank === 'object' ? options.questionBank : {}),
          },
        })
      : { fused: searched, bankChunkIds: new Set<number>() };

  const references = findArticleReferences(options.query);
  let referenced: number[] = [];
  if (references.length > 0) {
    // Only an article named without its law is looked up in the documents already found.
    const contextDocumentIds = references.some((reference) => !reference.lawName)
      ? await documentsOf(
          options.database,
          fused.slice(0, 10).map((result) => result.chunkId),
        )
      : [];
    referenced = await resolveArticleReferences(options.database, { references, filters, contextDocumentIds });
  }
  const top = [...new Set([...referenced, ...fused.map((result) => result.chunkId)])].slice(0, limit);
  const scores = new Map(fused.map((result) => [result.chunkId, result.score]));
  const lexicalIds = new Set(lexical.map((result) => result.chunkId));
  const vectorIds = new Set(vector.map((result) => result.chunkId));
  const referencedIds = new Set(referenced);
  const hydrated = await hydrate(options.database, top);
  const results = top.flatMap((chunkId) => {
    const row = hydrated.get(chunkId);
    if (!row) return [];
    const matchedBy: SearchResult['matchedBy'] = [];
    if (referencedIds.has(chunkId)) matchedBy.push('article-reference');
    if (lexicalIds.has(chunkId)) matchedBy.push('lexical');
    if (vectorIds.has(chunkId)) matchedBy.push('vector');
    if (bankChunkIds.has(chunkId)) matchedBy.push('question-bank');
    return [{ ...row, chunkId, rank: 0, score: scores.get(chunkId) ?? 1, matchedBy }];
  });
  const pinned = new Set(results.filter((result) => referencedIds.has(result.chunkId)));
  return preferNational(results, { pinned }).map((result, index) => ({ ...result, rank: index + 1 }));
}

async function documentsOf(database: Database, chunkIds: number[]): Promise<number[]> {
  if (chunkIds.length === 0) return [];
  const rows = await database.query<{ document_id: number }>(
    `SELECT document_id FROM chunks WHERE id = ANY($1::bigint[]) ORDER BY array_position($1::bigint[], id)`,
    [chunkIds],
  );
  return [...new Set(rows.map((row) => Number(row.document_id)))];
}

type HydratedRow = Omit<SearchResult, 'chunkId' | 'rank' | 'score' | 'matchedBy'>;

async function hydrate(database: Database, chunkIds: number[]): Promise<Map<number, HydratedRow>> {
  if (chunkIds.length === 0) return new Map();
  const rows = await database.query<Record<string, unknown>>(
    `SELECT c.id, c.heading_path, c.article_label, c.article_number, c.start_offset, c.end_offset, c.content,
            d.id AS document_id, d.title, d.doc_type, d.issuer, d.document_number, to_char(d.published_date, 'YYYY-MM-DD') AS published_date,
            d.validity, d.status, d.source_uri, d.version, d.region
     FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ANY($1::bigint[])`,
    [chunkIds],
  );
  return new Map(
    rows.map((row) => [
      Number(row.id),
      {
        document: {
          id: Number(row.document_id),
          title: row.title as string,
          docType: row.doc_type as DocumentType,
          issuer: (row.issuer as string | null) ?? null,
          documentNumber: (row.document_number as string | null) ?? null,
          publishedDate: (row.published_date as string | null) ?? null,
          validity: row.validity as string,
          status: row.status as string,
          sourceUri: row.source_uri as string,
          version: Number(row.version),
          region: (row.region as string[] | null) ?? [],
        },
        headingPath: splitHeadingPath(row.heading_path as string),
        articleLabel: (row.article_label as string | null) ?? null,
        articleNumber: row.article_number === null ? null : Number(row.article_number),
        start: Number(row.start_offset),
        end: Number(row.end_offset),
        content: row.content as string,
      },
    ]),
  );
}
