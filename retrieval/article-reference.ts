import type { Queryable } from '../db/database.ts';
import { parseChineseNumber } from '../text/chinese-numerals.ts';
import { filterConditions, type SearchFilters } from './search-filters.ts';

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

/**
 * Resolves references to chunk ids. A named law is matched by the longest tail of the name found in a current title
 * (the shortest such title wins: 政府信息公开条例 before 某省政府信息公开条例实施办法). An unnamed article is looked up in
 * `contextDocumentIds` (the documents the search already ranks highest).
 */
export async function resolveArticleReferences(
  database: Queryable,
  options: {
    references: ReadonlyArray<ArticleReference>;
    filters: SearchFilters;
    contextDocumentIds: ReadonlyArray<number>;
  },
): Promise<number[]> {
  const ids: number[] = [];
  for (const reference of options.references) {
    const documentIds = reference.lawName
      ? await documentsNamed(database, reference.lawName, options.filters)
      : options.contextDocumentIds.slice(0, 3);
    if (documentIds.length === 0) continue;
    const rows = await database.query<{ id: number }>(
      `SELECT id FROM chunks WHERE document_id = ANY($1::bigint[]) AND article_number = $2 ORDER BY array_position($1::bigint[], document_id), ordinal`,
      [documentIds, reference.articleNumber],
    );
    for (const row of rows) ids.push(Number(row.id));
  }
  return [...new Set(ids)];
}

async function documentsNamed(database: Queryable, lawName: string, filters: SearchFilters): Promise<number[]> {
  const name = lawName.replace(/^中华人民共和国/, '');
  const tails: string[] = [];
  for (let start = 0; name.length - start >= 3; start += 1) tails.push(name.slice(start));
  const conditions = filterConditions(filters, 2);
  const rows = await database.query<{ id: number; title: string }>(
    `SELECT d.id, d.title FROM documents d WHERE d.title LIKE ANY($1::text[]) AND ${conditions.sql}`,
    [tails.map((tail) => `%${tail}%`), ...conditions.params],
  );
  if (rows.length === 0) return [];
  const longest = (title: string) => tails.find((tail) => title.includes(tail))?.length ?? 0;
  const best = rows.reduce((highest, row) => Math.max(highest, longest(row.title)), 0);
  return rows
    .filter((row) => longest(row.title) === best)
    .sort((left, right) => left.title.length - right.title.length)
    .slice(0, 2)
    .map((row) => Number(row.id));
}
