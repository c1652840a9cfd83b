import { DEFAULTS } from '../config/defaults.ts';
import { parseChineseNumber } from '../text/chinese-numerals.ts';

/** A passage of a document with its place in the document's structure and its exact span in the stored text. */
export type Chunk = {
  ordinal: number;
  headingPath: string[];
  articleLabel?: string;
  articleNumber?: number;
  start: number;
  end: number;
  content: string;
};

export type ChunkOptions = {
  /** A chunk never exceeds this many characters; longer articles are split on paragraphs (款) and sentences. @default 900 */
  maxChars?: number;
  /** Outline sections are packed up to about this size. @default 500 */
  targetChars?: number;
  /** Characters repeated between the pieces of a split article or section. @default 80 */
  overlapChars?: number;
};

const NUMERAL = '零〇一二两三四五六七八九十百千';
const ARTICLE = new RegExp(`^第([${NUMERAL}\\d]+)条(之[${NUMERAL}]+)?(?=[\\s　]|$)`);
const STRUCTURE: Array<{ level: number; pattern: RegExp }> = [
  { level: 1, pattern: new RegExp(`^第[${NUMERAL}]+编`) },
  { level: 2, pattern: new RegExp(`^第[${NUMERAL}]+分编`) },
  { level: 3, pattern: new RegExp(`^第[${NUMERAL}\\d]+章`) },
  { level: 4, pattern: new RegExp(`^第[${NUMERAL}\\d]+节`) },
];
const OUTLINE: Array<{ level: number; pattern: RegExp }> = [
  { level: 5, pattern: /^[一二三四五六七八九十]+、/ },
  { level: 6, pattern: /^[（(][一二三四五六七八九十]+[)）]/ },
  { level: 7, pattern: /^\d+[.．、](?!\d)/ },
  { level: 8, pattern: /^[（(]\d+[)）]/ },
  { level: 5, pattern: /^附件\s*\d*\s*[:：]?/ },
];
// Inside one long line (single-line exports), an outline marker after a space starts a new unit.
const INLINE_BREAK =
  /\s(?=[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[零〇一二两三四五六七八九十百千]+条\s)/g;

type Unit = { start: number; end: number; text: string };

/** Splits a document along its own structure: 编/章/节 headings and 第X条 articles, or 一、(一) 1. (1) outlines. */
export function chunkDocument(text: string, options: ChunkOptions = {}): Chunk[] {
  const limits = {
    maxChars: options.maxChars ?? DEFAULTS.chunkMaxChars,
    targetChars: options.targetChars ?? DEFAULTS.chunkTargetChars,
    overlapChars: options.overlapChars ?? DEFAULTS.chunkOverlapChars,
  };
  const units = splitUnits(text, limits.maxChars);
  const articleCount = units.filter((unit) => ARTICLE.test(unit.text)).length;
  const chunks: Chunk[] = [];
  const path: Array<{ level: number; label: string }> = [];
  let section: Unit[] = [];
  // A section holding only its heading line is not worth a chunk: the heading lives on in the next chunks' paths.
  let sectionHasBody = false;
  let article: { label: string; number?: number; units: Unit[] } | undefined;

  const headings = () => path.map((entry) => entry.label);
  const emit = (span: Unit[], extra: { articleLabel?: string; articleNumber?: number } = {}) => {
    for (const piece of packUnits(span, extra.articleLabel ? limits.maxChars : limits.targetChars, limits)) {
      chunks.push({
        ordinal: chunks.length,
        headingPath: headings(),
        ...extra,
        start: piece.start,
        end: piece.end,
        content: text.slice(piece.start, piece.end),
      });
    }
  };
  const flush = () => {
    if (article) emit(article.units, { articleLabel: article.label, articleNumber: article.number });
    else if (sectionHasBody) emit(section);
    article = undefined;
    section = [];
    sectionHasBody = false;
  };

  for (const unit of units) {
    const articleMatch = articleCount >= 2 ? ARTICLE.exec(unit.text) : null;
    const heading = headingLevel(unit.text, articleCount >= 2);
    if (articleMatch) {
      flush();
      const label = articleMatch[0];
      article = { label, number: articleMatch[2] ? undefined : parseChineseNumber(articleMatch[1]!), units: [unit] };
    } else if (heading !== undefined) {
      flush();
      while (path.length > 0 && path[path.length - 1]!.level >= heading) path.pop();
      path.push({ level: heading, label: headingLabel(unit.text) });
      section.push(unit);
      sectionHasBody = !isShortHeading(unit.text);
    } else if (article) {
      article.units.push(unit);
    } else {
      section.push(unit);
      sectionHasBody = true;
    }
  }
  flush();
  return chunks;
}

function headingLevel(line: string, hasArticles: boolean): number | undefined {
  for (const { level, pattern } of STRUCTURE) if (pattern.test(line) && line.length <= 60) return level;
  // In a statute, 一、(一) inside an article are items of that article, not headings.
  if (hasArticles) return undefined;
  for (const { level, pattern } of OUTLINE) if (pattern.test(line)) return level;
  return undefined;
}

// "一、总体要求" or "（二）基本原则。": a heading line, possibly closed by one full stop, with nothing after it.
function isShortHeading(line: string): boolean {
  return line.length <= 30 && /^[^。；！？]*[。；]?$/.test(line.trim());
}

// A long outline paragraph ("1.严格规范信息公开，切实提高…。行政规范性文件…") is labelled by its first clause.
function headingLabel(line: string): string {
  if (isShortHeading(line)) return line.trim().replace(/[。；]$/, '');
  const clause = /^.+?[。；，,：:]/.exec(line)?.[0] ?? line.slice(0, 30);
  return clause.replace(/[。；，,：:]$/, '').slice(0, 40);
}

function splitUnits(text: string, maxChars: number): Unit[] {
  const units: Unit[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (line.trim() === '') continue;
    if (line.length <= maxChars) {
      units.push({ start, end: start + line.length, text: line });
      continue;
    }
    let pieceStart = 0;
    for (const match of line.matchAll(INLINE_BREAK)) {
      const cut = match.index! + 1;
      if (cut - pieceStart < 20) continue;
      units.push({ start: start + pieceStart, end: start + match.index!, text: line.slice(pieceStart, match.index) });
      pieceStart = cut;
    }
    units.push({ start: start + pieceStart, end: start + line.length, text: line.slice(pieceStart) });
  }
  return units;
}

type Span = { start: number; end: number };

// Packs consecutive units into spans of at most `size` characters; a unit longer than the maximum is cut at sentence ends with overlap.
function packUnits(units: Unit[], size: number, limits: Required<ChunkOptions>): Span[] {
  const pieces: Span[] = [];
  let current: Span | undefined;
  for (const unit of units) {
    if (unit.end - unit.start > limits.maxChars) {
      if (current) pieces.push(current);
      current = undefined;
      for (const piece of splitSentences(unit, limits)) pieces.push(piece);
      continue;
    }
    if (current && unit.end - current.start <= size) current.end = unit.end;
    else {
      if (current) pieces.push(current);
      current = { start: unit.start, end: unit.end };
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

function splitSentences(unit: Unit, limits: Required<ChunkOptions>): Span[] {
  const ends: number[] = [];
  for (const match of unit.text.matchAll(/[。；！？;!?]/g)) ends.push(match.index! + 1);
  // `ends` is sorted: look positions up by binary search, so a huge unbroken line costs n log n, not n².
  const firstAbove = (position: number) => {
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (ends[middle]! > position) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  const pieces: Span[] = [];
  let start = 0;
  while (start < unit.text.length) {
    const limit = start + limits.maxChars;
    const lastEnd = ends[firstAbove(limit) - 1];
    let end = lastEnd !== undefined && lastEnd > start ? lastEnd : Math.min(limit, unit.text.length);
    if (unit.text.length - start <= limits.maxChars) end = unit.text.length;
    pieces.push({ start: unit.start + start, end: unit.start + end });
    if (end >= unit.text.length) break;
    // Start the next piece at the first sentence boundary within `overlapChars` before this one ends.
    const overlapStart = ends[firstAbove(Math.max(start, end - limits.overlapChars - 1))];
    start = overlapStart !== undefined && overlapStart < end ? overlapStart : end;
  }
  return pieces;
}
