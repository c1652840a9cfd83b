import { segment } from '../text/segmenter.ts';

const ARTICLE_LABEL = /^第[零〇一二两三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?[\s　]*/;
/** A list item's marker: （一） 一、 1. （1） ①. */
export const LIST_MARKER = /^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、](?!\d)|[①-⑳])/;
const ELLIPSIS = '……';
/** A provision up to this long is quoted whole; a longer one from the lines that answer, with …… for the rest. */
export const WHOLE_PROVISION_CHARS = 160;
const MAX_ITEMS = 3;

type Unit = { text: string; kind: 'lead-in' | 'item' | 'sentence'; leadIn?: number; score: number };

/**
 * The part of a provision a reply quotes, as official replies do: the whole provision when it is short; otherwise the
 * sentences that share the question's words, in their order, and for a list item always the sentence that introduces
 * the list (用人单位有下列情形之一的，劳动者可以解除劳动合同：……（二）未及时足额支付劳动报酬的；……). What is left out
 * is marked with ……. The quote never ends in ，；： unless an ellipsis follows, and never starts with a list marker.
 */
export function quoteProvision(options: { text: string; question: string }): { quote: string; score: number } {
  const body = options.text.replace(ARTICLE_LABEL, '').trim();
  const questionTerms = new Set(segment(options.question));
  const units = splitUnits(body, questionTerms);
  // A lead-in whose list is in another passage (……通告如下：) says nothing by itself.
  while (units.at(-1)?.kind === 'lead-in') units.pop();
  if (units.length === 0) return { quote: '', score: 0 };
  const score = units.reduce((most, unit) => Math.max(most, unit.score), 0);
  if (compact(body).length <= WHOLE_PROVISION_CHARS) return { quote: join(units.map((unit) => unit.text)), score };
  const chosen = chooseUnits(units);
  const parts: string[] = [];
  let previous = -1;
  for (const index of chosen) {
    // What is left out before, between or after the quoted statements is marked with ……
    if (index > previous + 1) parts.push(ELLIPSIS);
    parts.push(units[index]!.text);
    previous = index;
  }
  if (previous < units.length - 1) parts.push(ELLIPSIS);
  return { quote: join(parts), score };
}

function splitUnits(body: string, questionTerms: Set<string>): Unit[] {
  const units: Unit[] = [];
  let leadIn: number | undefined;
  for (const paragraph of body.split(/\n+/).map((line) => line.trim())) {
    if (paragraph === '') continue;
    if (LIST_MARKER.test(paragraph) && leadIn !== undefined) {
      units.push({ text: paragraph, kind: 'item', leadIn, score: 0 });
      continue;
    }
    // Sentences of a paragraph; the one ending in ：or : introduces the list after it. An outline heading's marker
    // with no lead-in before it (（一）明确主动公开的时限。) is a heading, not a list item: it is not quoted.
    const sentences = paragraph
      .replace(LIST_MARKER, '')
      .trim()
      .split(/(?<=[。！？；;])/)
      .filter((sentence) => sentence.trim() !== '');
    leadIn = undefined;
    // A heading (二、主要内容) or a question (申请后多长时间能得到答复？) is not a statement to quote.
    if (!/[。！；;：:，,]/.test(paragraph) && paragraph.length <= 40) continue;
    for (const sentence of sentences) {
      // Numbered points run together in one line (……；37.通风。38.公共区域消毒。): the number is not quoted.
      const text = sentence.trim().replace(LIST_MARKER, '').trim();
      if (/[？?]$/.test(text) || text === '') continue;
      const isLeadIn = /[：:]$/.test(text);
      units.push({ text, kind: isLeadIn ? 'lead-in' : 'sentence', score: 0 });
      if (isLeadIn) leadIn = units.length - 1;
    }
  }
  for (const unit of units) unit.score = overlap(unit.text, questionTerms);
  // A lead-in answers with its items: it scores as its best item does (有下列情形之一的 says little by itself).
  for (const [index, unit] of units.entries())
    if (unit.kind === 'lead-in')
      unit.score = units.reduce(
        (most, item) => (item.leadIn === index ? Math.max(most, item.score) : most),
        unit.score,
      );
  return units;
}

// The best unit, and with a list item its lead-in and up to two more items of that list that also match.
function chooseUnits(units: Unit[]): number[] {
  const ranked = units
    .map((unit, index) => ({ unit, index }))
    .filter(({ unit }) => unit.kind !== 'lead-in')
    .sort((left, right) => right.unit.score - left.unit.score || left.index - right.index);
  const best = ranked[0];
  if (!best) return units.map((_, index) => index);
  const chosen = new Set<number>();
  if (best.unit.kind === 'item' && best.unit.leadIn !== undefined) {
    chosen.add(best.unit.leadIn);
    const leadIn = best.unit.leadIn;
    // Other items of the list come along only when they answer nearly as well (not for sharing one common word).
    const items = ranked.filter(
      ({ unit }) =>
        unit.kind === 'item' && unit.leadIn === leadIn && unit.score > 0 && unit.score >= best.unit.score * 0.8,
    );
    for (const { index } of items.slice(0, MAX_ITEMS)) chosen.add(index);
    chosen.add(best.index);
  } else {
    chosen.add(best.index);
    // A sentence that ends in ；or ，continues into the next: quote on to the end of the statement.
    for (let index = best.index; index < units.length - 1 && /[；;，,]$/.test(units[index]!.text); index += 1)
      if (units[index + 1]!.kind === 'sentence') chosen.add(index + 1);
      else break;
  }
  return [...chosen].sort((left, right) => left - right);
}

function overlap(text: string, questionTerms: Set<string>): number {
  const terms = new Set(segment(text));
  let shared = 0;
  for (const term of questionTerms) if (terms.has(term)) shared += 1;
  return shared / Math.sqrt(Math.max(terms.size, 1));
}

function join(parts: string[]): string {
  const text = parts.join('');
  // A quote ends a statement or says that more follows.
  return /[，；：,;:]$/.test(text) ? `${text}${ELLIPSIS}` : text;
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}
