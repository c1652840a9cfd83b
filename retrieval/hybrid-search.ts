import { DEFAULTS, type QuestionBankSettings } from '../config/defaults.ts';
import type { Database } from '../db/database.ts';
import { splitHeadingPath } from '../ingest/chunk-queries.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { DocumentType } from '../ingest/document-metadata.ts';
import { findArticleReferences, namedReferencesExpression, pickArticleChunks } from './article-reference.ts';
import { expandQuery } from './expand-query.ts';
import { fuseRankings } from './fuse-rankings.ts';
import {
  applyQuestionBank,
  planQuestionBank,
  questionBankEvidenceOf,
  questionBankExpression,
} from './apply-question-bank.ts';
import { lexicalCandidates, lexicalQuery, rankLexical } from './lexical-search.ts';
import { preferNational } from './prefer-national.ts';
import type { SearchFilters } from './search-filters.ts';
import { StatementParameters } from './statement-parameters.ts';
import type { TermStatistics } from './term-statistics.ts';
import { nearestChunksExpression, rankNearest } from './vector-search.ts';

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

type SignalsRow = {
  terms: Array<[string, number]>;
  lexicon_chunks: number | null;
  lexicon_average_length: number | null;
  nearest: Array<[number, number]>;
  named: Array<[number, number, string, number | null, number | null]>;
  bank_revision: string | null;
  bank_cited: Array<[number, number | null, number, string, boolean]>;
};

// What a result shows of a passage and its document (toPassage reads them).
const PASSAGE_COLUMNS = `c.id, c.document_id, c.ordinal, c.heading_path, c.article_label, c.article_number, c.start_offset,
  c.end_offset, c.content, d.title, d.doc_type, d.issuer, d.document_number,
  to_char(d.published_date, 'YYYY-MM-DD') AS published_date, d.validity, d.status, d.source_uri, d.version, d.region`;

type CandidateRow = Record<string, unknown> & {
  id: string | number;
  lexical: boolean;
  terms: string | null;
  searched: boolean;
};

/**
 * Hybrid retrieval: keyword and vector rankings fused by RRF, with articles named in the question placed first. Two
 * statements, whatever the question (on a server, two round trips): the first reads the query terms' statistics,
 * the nearest chunks and the documents a named law may be; the second gathers the keyword candidates and every
 * passage that can be returned, whole, so that ranking, fusion and the article lookups finish in memory. The question
 * bank adds none: the past questions like this one are found in memory before the first statement, which reads what
 * their answers cited, and the second reads the cited passages with the rest (apply-question-bank.ts; only a search
 * that finds the bank changed since this process last read it costs more).
 */
export async function hybridSearch(options: SearchOptions): Promise<SearchResult[]> {
  const mode = options.mode ?? 'hybrid';
  const limit = options.limit ?? DEFAULTS.searchLimit;
  const candidates = Math.max(limit, options.candidates ?? DEFAULTS.searchCandidates);
  const filters = options.filters ?? {};
  const { terms, pairs, expansionText } = expandQuery(options.query);
  const references = findArticleReferences(options.query);
  const [embedding] =
    mode === 'lexical'
      ? []
      : await options.embedder.embed([expansionText ? `${options.query}\n${expansionText}` : options.query]);

  const bank =
    mode === 'hybrid' && options.questionBank !== false
      ? planQuestionBank(options.database, {
          query: options.query,
          filters,
          settings: {
            ...DEFAULTS.questionBank,
            ...(typeof options.questionBank === 'object' ? options.questionBank : {}),
          },
        })
      : undefined;

  const first = new StatementParameters();
  const [signals] = await options.database.query<SignalsRow>(
    `SELECT COALESCE((SELECT json_agg(json_build_array(term, document_frequency)) FROM lexicon WHERE term = ANY(${first.bind(mode === 'vector' ? [] : terms.map((entry) => entry.term))}::text[])), '[]'::json) AS terms,
            (SELECT value::float8::int FROM index_settings WHERE key = 'lexicon_chunks') AS lexicon_chunks,
            (SELECT value::float8::int FROM index_settings WHERE key = 'lexicon_average_length') AS lexicon_average_length,
            ${embedding ? nearestChunksExpression(first, { vector: embedding, dimensions: options.embedder.dimensions, filters, limit: candidates }) : `'[]'::json`} AS nearest,
            ${namedReferencesExpression(first, references, filters)} AS named,
            (SELECT value FROM index_settings WHERE key = 'question_bank_revision') AS bank_revision,
            ${bank ? questionBankExpression(first, bank) : `'[]'::json`} AS bank_cited`,
    first.values,
  );
  const query = mode === 'vector' ? undefined : lexicalQuery({ statistics: termStatisticsOf(signals!), terms, pairs });
  const vector = rankNearest(signals!.nearest);
  const named = pickArticleChunks({
    references: references.filter((reference) => reference.lawName),
    named: signals!.named,
    unnamed: [],
    contextDocumentIds: [],
  });
  const unnamedArticles = references
    .filter((reference) => !reference.lawName)
    .map((reference) => reference.articleNumber);
  if (!query?.terms.length && vector.length === 0 && named.length === 0 && unnamedArticles.length === 0) return [];
  const evidence = bank
    ? await questionBankEvidenceOf(options.database, bank, {
        revision: signals!.bank_revision ?? '0',
        cited: signals!.bank_cited,
      })
    : undefined;

  const second = new StatementParameters();
  const shown = second.bind([
    ...vector.map((result) => result.chunkId),
    ...signals!.named.flatMap((row) => (row[3] === null ? [] : [Number(row[3])])),
  ]);
  // The passages past answers cited are read too, but only the searched ones (`searched`) take part in the article
  // lookups and the documents they are looked up in, as before those passages were read here.
  const cited = second.bind([...(evidence?.chunks.keys() ?? [])]);
  const rows = await options.database.query<CandidateRow>(
    `WITH candidates AS (${lexicalCandidates(second, query ?? { terms: [], pairs: [], averageLength: 1 }, candidates)}),
     lexical AS (SELECT c.id FROM candidates JOIN chunks c ON c.id = candidates.id JOIN documents d ON d.id = c.document_id WHERE ${second.filters(filters)}),
     wanted AS (
       SELECT id FROM lexical
       UNION SELECT unnest(${shown}::bigint[])
       UNION SELECT a.id FROM chunks a WHERE a.article_number = ANY(${second.bind(unnamedArticles)}::int[])
         AND a.document_id IN (SELECT x.document_id FROM chunks x WHERE x.id IN (SELECT id FROM candidates) OR x.id = ANY(${shown}::bigint[])))
     SELECT ${PASSAGE_COLUMNS}, c.id IN (SELECT id FROM lexical) AS lexical,
            CASE WHEN c.id IN (SELECT id FROM lexical) THEN c.title_terms || ' ' || c.body_terms END AS terms,
            c.id IN (SELECT id FROM wanted) AS searched
     FROM (SELECT id FROM wanted UNION SELECT unnest(${cited}::bigint[])) w
     JOIN chunks c ON c.id = w.id JOIN documents d ON d.id = c.document_id`,
    second.values,
  );
  const searchedRows = rows.filter((row) => row.searched);
  const passages = new Map(searchedRows.map((row) => [Number(row.id), row]));
  const citedPassages = new Map(rows.map((row) => [Number(row.id), row]));
  const lexical = query
    ? rankLexical(
        rows.flatMap((row) =>
          row.lexical ? [{ chunkId: Number(row.id), documentId: Number(row.document_id), terms: row.terms ?? '' }] : [],
        ),
        query,
        candidates,
      )
    : [];
  const vectorWeight = options.vectorWeight ?? options.embedder.fusionWeight;
  const searched =
    mode === 'hybrid'
      ? fuseRankings([{ results: lexical }, { results: vector, weight: vectorWeight }])
      : mode === 'lexical'
        ? lexical
        : vector;
  const { fused, bankChunkIds } = bank
    ? applyQuestionBank({
        fused: searched,
        evidence,
        documentOf: new Map([...passages].map(([chunkId, row]) => [chunkId, Number(row.document_id)])),
        scale: 1 + vectorWeight,
        settings: bank.settings,
      })
    : { fused: searched, bankChunkIds: new Set<number>() };

  const referenced =
    references.length === 0
      ? []
      : pickArticleChunks({
          references,
          named: signals!.named,
          unnamed: searchedRows.flatMap((row) =>
            row.article_number === null
              ? []
              : [
                  {
                    chunkId: Number(row.id),
                    documentId: Number(row.document_id),
                    articleNumber: Number(row.article_number),
                    ordinal: Number(row.ordinal),
                  },
                ],
          ),
          // Only an article named without its law is looked up in the documents already found.
          contextDocumentIds: [
            ...new Set(
              fused.slice(0, 10).flatMap((result) => {
                const row = passages.get(result.chunkId);
                return row ? [Number(row.document_id)] : [];
              }),
            ),
          ],
        });
  const top = [...new Set([...referenced, ...fused.map((result) => result.chunkId)])].slice(0, limit);
  const scores = new Map(fused.map((result) => [result.chunkId, result.score]));
  const lexicalIds = new Set(lexical.map((result) => result.chunkId));
  const vectorIds = new Set(vector.map((result) => result.chunkId));
  const referencedIds = new Set(referenced);
  const results = top.flatMap((chunkId) => {
    const row = citedPassages.get(chunkId);
    if (!row) return [];
    const matchedBy: SearchResult['matchedBy'] = [];
    if (referencedIds.has(chunkId)) matchedBy.push('article-reference');
    if (lexicalIds.has(chunkId)) matchedBy.push('lexical');
    if (vectorIds.has(chunkId)) matchedBy.push('vector');
    if (bankChunkIds.has(chunkId)) matchedBy.push('question-bank');
    return [{ ...toPassage(row), chunkId, rank: 0, score: scores.get(chunkId) ?? 1, matchedBy }];
  });
  const pinned = new Set(results.filter((result) => referencedIds.has(result.chunkId)));
  return preferNational(results, { pinned }).map((result, index) => ({ ...result, rank: index + 1 }));
}

function termStatisticsOf(signals: SignalsRow): TermStatistics {
  return {
    documentFrequency: new Map(signals.terms.map(([term, frequency]) => [term, Number(frequency)])),
    chunks: Math.max(1, Number(signals.lexicon_chunks ?? 1)),
    averageLength: Math.max(1, Number(signals.lexicon_average_length ?? 1)),
  };
}

function toPassage(row: Record<string, unknown>): Omit<SearchResult, 'chunkId' | 'rank' | 'score' | 'matchedBy'> {
  return {
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
  };
}
