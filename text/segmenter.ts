import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { packagePath } from '../config/package-root.ts';

const DICTIONARY_DIRECTORY = packagePath('text', 'dictionary');

// Function words and question words that carry no topic; keeping them makes every chunk match.
const STOPWORDS = new Set(
  (
    '的 了 是 在 和 与 或 及 等 吗 呢 啊 吧 呀 么 之 其 该 此 这 那 被 把 对 向 从 由 为 以 于 将 就 也 都 又 还 而 并 且 但 则 若 如 ' +
    '我 你 他 她 它 我们 你们 他们 自己 什么 怎么 怎么样 如何 怎样 哪些 哪个 为什么 是否 能否 可否 可以 能 会 要 应该 应当 需要 ' +
    '有 没有 没 有没有 一个 这个 那个 这些 那些 这种 那种 一些 现在 已经 时候 情况 问题 请问 规定 相关 有关 进行 一下 多少 ' +
    '多长 多久 怎么办 怎么样 什么样 是不是 能不能 会不会 可不可以 该不该 哪里 谁 吗 呢 还是 或是 以及 其中 该怎么 应该怎么 怎么处理 ' +
    '中华 华人 人民 共和 共和国 中华人民共和国'
  ).split(/\s+/),
);

const NUMERAL_PIECE = /^[第零〇一二两三四五六七八九十百千万条款项章节编]+$/;

let jieba: Jieba | undefined;

function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    const terms = readFileSync(join(DICTIONARY_DIRECTORY, 'government-legal-terms.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .join('\n');
    jieba.loadDict(Buffer.from(terms));
  }
  return jieba;
}

/** True for a token worth indexing: not a stopword, not punctuation, not a lone Chinese character. */
export function isIndexTerm(token: string): boolean {
  if (token.length < 2 && !/^\d$/.test(token)) return false;
  if (STOPWORDS.has(token)) return false;
  // Pieces of article numbers (第三, 三十, 十三条…) match everywhere; article references are resolved separately.
  if (NUMERAL_PIECE.test(token)) return false;
  return /[\p{Script=Han}\p{L}\p{N}]/u.test(token);
}

// Characters tsquery reads as syntax; no term keeps them, so a question can never change a query's meaning.
const TSQUERY_SYNTAX = /[':&|!()<>\\*]/g;

// One normalisation for every term, at ingest and at query time alike.
function toTerms(tokens: string[]): string[] {
  return tokens.map((token) => token.trim().toLowerCase().replace(TSQUERY_SYNTAX, '')).filter(isIndexTerm);
}

/** Splits text into index terms with jieba's search mode (whole words and their parts), lower-cased. */
export function segment(text: string): string[] {
  return toTerms(segmenter().cutForSearch(text, true));
}

/** Words in reading order (jieba's precise mode), for finding pairs the person wrote side by side. */
export function segmentWords(text: string): string[] {
  return toTerms(segmenter().cut(text, true));
}

/** The terms of `segment`, joined for a `tsvector` column. */
export function segmentForIndex(text: string): string {
  return segment(text).join(' ');
}

/** jieba's own inverse document frequencies (general Chinese text), used by the offline embedder. */
export function loadJiebaIdf(): Map<string, number> {
  const require = createRequire(import.meta.url);
  const path = join(dirname(require.resolve('@node-rs/jieba/package.json')), 'idf.txt');
  const idf = new Map<string, number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) idf.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return idf;
}
