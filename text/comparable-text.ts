import { parseChineseNumber } from './chinese-numerals.ts';
import { normaliseWidth } from './normalise-width.ts';

/** Text prepared for comparing facts, with a way back to the original characters. */
export type ComparableText = {
  text: string;
  /** The original text behind `text.slice(start, end)`. */
  original: (start: number, end: number) => string;
};

const NUMERAL = '[零〇一二两三四五六七八九十百千万亿]';
// What a counted or measured number is followed by; 一 alone counts only time and money (统一, 一律 are words).
const UNIT =
  '个工作日|工作日|个月|个小时|小时|分钟|周岁|岁|平方米|公里|万元|亿元|元|日|天|月|年|周|人次|人|名|次|倍|项|户|家|件|辆|台|吨|米';
const TIME_OR_MONEY = '个工作日|工作日|个月|个小时|小时|分钟|周岁|岁|元|日|天|月|年|周|次';
const NUMBERS = new RegExp(
  [
    `(?<percent>百分之(?:${NUMERAL}+|\\d+(?:\\.\\d+)?))`,
    `(?<=第)(?<ordinal>${NUMERAL}+)(?=[条款项章节编])`,
    `(?<counted>${NUMERAL}{2,}|[二两三四五六七八九十百千])(?=${UNIT})`,
    `(?<![统唯同逐万之单第星期])(?<one>一)(?=${TIME_OR_MONEY})`,
    `(?<space>\\s+)`,
  ].join('|'),
  'gu',
);

/**
 * Width-folded (１３８ → 138), without white space, and with Chinese numerals that count or measure written in
 * digits: 二十个工作日 → 20个工作日, 一千二百元 → 1200元, 五万元 → 5万元, 第三十三条 → 第33条, 二〇二四年 → 2024年,
 * 百分之二十 → 20%. Sentences and sources are both passed through it, so either way of writing a fact matches.
 */
export function comparableText(text: string): ComparableText {
  const folded = normaliseWidth(text);
  const pieces: string[] = [];
  // starts[i] and ends[i]: the original span of output character i.
  const starts: number[] = [];
  const ends: number[] = [];
  let cursor = 0;
  const copy = (until: number) => {
    for (; cursor < until; cursor += 1) {
      pieces.push(folded[cursor]!);
      starts.push(cursor);
      ends.push(cursor + 1);
    }
  };
  for (const match of folded.matchAll(NUMBERS)) {
    copy(match.index!);
    const replacement = replace(match.groups!, match[0]);
    const end = match.index! + match[0].length;
    for (const character of replacement) {
      pieces.push(character);
      starts.push(match.index!);
      ends.push(end);
    }
    cursor = end;
  }
  copy(folded.length);
  return {
    text: pieces.join(''),
    original: (start, end) => (end <= start ? '' : text.slice(starts[start]!, ends[end - 1]!)),
  };
}

function replace(groups: Record<string, string | undefined>, whole: string): string {
  if (groups.space !== undefined) return '';
  if (groups.percent !== undefined) {
    const amount = groups.percent.slice(3);
    return `${/^\d/.test(amount) ? amount : (parseChineseNumber(amount) ?? amount)}%`;
  }
  const numeral = groups.ordinal ?? groups.counted ?? groups.one ?? whole;
  // 五万元, 一千二百万元: the 万 or 亿 stays with the unit, as 5万元 and 1200万元 are written.
  const scale = /[万亿]$/.test(numeral) && numeral.length > 1 ? numeral.slice(-1) : '';
  const value = parseChineseNumber(scale ? numeral.slice(0, -1) : numeral);
  return value === undefined ? whole : `${value}${scale}`;
}
