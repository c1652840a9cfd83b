import type { SearchResult } from '../retrieval/hybrid-search.ts';
import { LIST_MARKER } from './quote-provision.ts';

/** Provisions a reply quotes unless the question asks for more. */
export const MAX_PROVISIONS = 3;
const ASKS_FOR_MORE = /哪些(法律|法规|规定|文件|政策)|所有(的)?(规定|条款)|全部(规定|条款)|列出|列举|汇总/;
const ARTICLE_LABEL = /^第[零〇一二两三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?/;

/** How many provisions a reply to this question quotes: three, unless it asks for more (有哪些规定). */
export function provisionLimit(question: string): number {
  return ASKS_FOR_MORE.test(question) ? Number.POSITIVE_INFINITY : MAX_PROVISIONS;
}

/**
 * The passages a reply may quote, in the order it quotes them (the composer keeps the best `provisionLimit`). The same text in two documents or versions (a
 * regulation and its copy, an edition and the next) is kept once, from the current national one; superseded or
 * expired texts only when `includeInvalid` (the question asks about the old text); national law before local rules,
 * each group most relevant first.
 */
export function selectProvisions<
  T extends Pick<SearchResult, 'content' | 'document' | 'rank' | 'articleLabel'>,
>(options: { results: ReadonlyArray<T>; question: string; includeInvalid: boolean }): T[] {
  const valid = options.results.filter(
    (result) => options.includeInvalid || (result.document.status === 'current' && isInForce(result.document.validity)),
  );
  // Two passages that share a statement (a 解释 and its replacement, a 修改决定 quoting the amended text) are one
  // provision: the preferred one stays.
  const unique: T[] = [];
  for (const result of valid) {
    const statements = statementsOf(result.content);
    const same = unique.findIndex((kept) =>
      [...statementsOf(kept.content)].some((statement) => statements.has(statement)),
    );
    if (same < 0) unique.push(result);
    else if (preferred(result, unique[same]!)) unique[same] = result;
  }
  return unique.sort(
    (left, right) =>
      Number(left.document.region.length > 0) - Number(right.document.region.length > 0) || left.rank - right.rank,
  );
}

/** The statements of a provision (sentences and clauses, of at least 12 characters unless said), without spaces, punctuation or list markers. */
export function statementsOf(content: string, minimumLength = 12): Set<string> {
  return new Set(
    content
      .replace(ARTICLE_LABEL, '')
      .split(/[。！？；;：:\n]|……/)
      .map((statement) =>
        statement
          .trim()
          .replace(LIST_MARKER, '')
          .replace(/[\s\p{P}]/gu, ''),
      )
      .filter((statement) => statement.length >= minimumLength),
  );
}

function isInForce(validity: string): boolean {
  return validity === '有效' || validity === '尚未生效';
}

// Current before superseded, national before local, an article before other text (a 修改决定 quoting the amended
// article), the newer document (a 解释 replacing an older one), then rank.
type Candidate = Pick<SearchResult, 'document' | 'rank' | 'articleLabel'>;
function preferred(candidate: Candidate, kept: Candidate): boolean {
  const order = (result: Candidate) => [
    result.document.status === 'current' && isInForce(result.document.validity) ? 0 : 1,
    result.document.region.length > 0 ? 1 : 0,
    result.articleLabel ? 0 : 1,
    -Number((result.document.publishedDate ?? '0000-00-00').replace(/-/g, '')),
    result.rank,
  ];
  const [a, b] = [order(candidate), order(kept)];
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return a[index]! < b[index]!;
  return false;
}
