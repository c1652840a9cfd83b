import type { Queryable } from '../db/database.ts';
import { parseChineseNumber } from '../text/chinese-numerals.ts';
import type { SearchFilters } from './search-filters.ts';
import { StatementParameters } from './statement-parameters.ts';

/** An article named in a question: "政府信息公开条例第三十三条", "《民法典》第1165条", or just "第33条". */
export type ArticleReference = { lawName?: string; articleNumber: number; text: string };

const REFERENCE =
  /(?:《([^》]{2,60})》|([\p{Script=Han}]{2,40}?(?:法典|法|条例|规定|办法|细则|规则|解释|决定)))?\s*第\s*([零〇一二两三四五六七八九十百千\d]+)\s*条/gu;
const NOT_A_NAME = /^(依据|根据|按照|依照|请问|关于|违反|适用|按|依|据)/;

/** Finds article references in a question. */
export function findArticleReferences(question: string): ArticleReference[] {
  const references: ArticleReference[] = [];
  for (const match of question.matchAll(REFERENCE)) {
    const articleNumber = parseChineseNumber(match[3]!);
    if (articleNumber === undefined || articleNumber === 0) continue;
    let lawName = (match[1] ?? match[2])?.trim();
    while (lawName && NOT_A_NAME.test(lawName)) lawName = lawName.replace(NOT_A_NAME, '');
    references.push({ lawName: lawName || undefined, articleNumber, text: match[0] });
  }
  return references;
}

/** A chunk holding a numbered article, as a search's statements return it for the references to resolve. */
export type ArticleChunk = { chunkId: number; documentId: number; articleNumber: number; ordinal: number };

/**
 * The expression, for a search's first statement, that finds the documents each named reference may mean (a current
 * title containing a tail of the name, of three characters or more) and, in each, the chunks of the article, as a
 * JSON array of [reference position, document id, title, chunk id or null, ordinal]. pickArticleChunks picks.
 */
export function namedReferencesExpression(
  parameters: StatementParameters,
  references: ReadonlyArray<ArticleReference>,
  filters: SearchFilters,
): string {
  const named = references.flatMap((reference, position) =>
    reference.lawName
      ? [
          {
            position,
            article: reference.articleNumber,
            patterns: tailsOf(reference.lawName).map((tail) => `%${tail}%`),
          },
        ]
      : [],
  );
  if (named.length === 0) return `'[]'::json`;
  const list = parameters.bind(JSON.stringify(named));
  return `COALESCE((SELECT json_agg(json_build_array((r.value->>'position')::int, d.id, d.title, c.id, c.ordinal))
    FROM jsonb_array_elements(${list}::jsonb) r
    JOIN documents d ON d.title LIKE ANY (ARRAY(SELECT jsonb_array_elements_text(r.value->'patterns')))
    LEFT JOIN chunks c ON c.document_id = d.id AND c.article_number = (r.value->>'article')::int
    WHERE ${parameters.filters(filters)}), '[]'::json)`;
}

/**
 * Resolves references to chunk ids, in the order they were named. A named law is matched by the longest tail of the
 * name found in a current title (the shortest such title wins: 政府信息公开条例 before 某省政府信息公开条例实施办法);
 * an unnamed article ("第33条") is looked up in `contextDocumentIds` (the documents the search already ranks highest).
 */
export function pickArticleChunks(options: {
  references: ReadonlyArray<ArticleReference>;
  /** What namedReferencesExpression returned. */
  named: ReadonlyArray<[number, number | string, string, number | string | null, number | null]>;
  /** Chunks holding the unnamed references' articles, in (at least) the context documents. */
  unnamed: ReadonlyArray<ArticleChunk>;
  contextDocumentIds: ReadonlyArray<number>;
}): number[] {
  const ids: number[] = [];
  options.references.forEach((reference, position) => {
    if (reference.lawName) {
      const rows = options.named.filter((row) => row[0] === position);
      const tails = tailsOf(reference.lawName);
      const longest = (title: string) => tails.find((tail) => title.includes(tail))?.length ?? 0;
      const titles = new Map(rows.map((row) => [Number(row[1]), row[2]]));
      const best = [...titles.values()].reduce((highest, title) => Math.max(highest, longest(title)), 0);
      const documentIds = [...titles]
        .filter(([, title]) => longest(title) === best)
        .sort((left, right) => left[1].length - right[1].length)
        .slice(0, 2)
        .map(([id]) => id);
      const chunks = rows
        .filter((row) => row[3] !== null && documentIds.includes(Number(row[1])))
        .map((row) => ({ chunkId: Number(row[3]), documentId: Number(row[1]), ordinal: Number(row[4]) }));
      for (const id of inDocumentOrder(chunks, documentIds)) ids.push(id);
    } else {
      const documentIds = options.contextDocumentIds.slice(0, 3);
      const chunks = options.unnamed.filter(
        (chunk) => chunk.articleNumber === reference.articleNumber && documentIds.includes(chunk.documentId),
      );
      for (const id of inDocumentOrder(chunks, documentIds)) ids.push(id);
    }
  });
  return [...new Set(ids)];
}

function inDocumentOrder(
  chunks: ReadonlyArray<{ chunkId: number; documentId: number; ordinal: number }>,
  documentIds: ReadonlyArray<number>,
): number[] {
  return [...chunks]
    .sort(
      (left, right) =>
        documentIds.indexOf(left.documentId) - documentIds.indexOf(right.documentId) || left.ordinal - right.ordinal,
    )
    .map((chunk) => chunk.chunkId);
}

// The name without 中华人民共和国, then each shorter tail down to three characters.
function tailsOf(lawName: string): string[] {
  const name = lawName.replace(/^中华人民共和国/, '');
  const tails: string[] = [];
  for (let start = 0; name.length - start >= 3; start += 1) tails.push(name.slice(start));
  return tails;
}

/**
 * Resolves references to chunk ids in one statement, for a caller outside a search (a question bank's citations):
 * named laws as pickArticleChunks says, unnamed articles in the first three of `contextDocumentIds`.
 */
export async function resolveArticleReferences(
  database: Queryable,
  options: {
    references: ReadonlyArray<ArticleReference>;
    filters: SearchFilters;
    contextDocumentIds: ReadonlyArray<number>;
  },
): Promise<number[]> {
  if (options.references.length === 0) return [];
  const parameters = new StatementParameters();
  const unnamed = options.references
    .filter((reference) => !reference.lawName)
    .map((reference) => reference.articleNumber);
  const [row] = await database.query<{
    named: Parameters<typeof pickArticleChunks>[0]['named'];
    unnamed: Array<[number, number, number, number]>;
  }>(
    `SELECT ${namedReferencesExpression(parameters, options.references, options.filters)} AS named,
       COALESCE((SELECT json_agg(json_build_array(id, document_id, article_number, ordinal)) FROM chunks
                 WHERE document_id = ANY(${parameters.bind(options.contextDocumentIds.slice(0, 3))}::bigint[])
                   AND article_number = ANY(${parameters.bind(unnamed)}::int[])), '[]'::json) AS unnamed`,
    parameters.values,
  );
  return pickArticleChunks({
    references: options.references,
    named: row!.named,
    unnamed: row!.unnamed.map(([chunkId, documentId, articleNumber, ordinal]) => ({
      chunkId: Number(chunkId),
      documentId: Number(documentId),
      articleNumber: Number(articleNumber),
      ordinal: Number(ordinal),
    })),
    contextDocumentIds: options.contextDocumentIds,
  });
}
