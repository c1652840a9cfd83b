import { comparableText, type ComparableText } from '../text/comparable-text.ts';

// Words that hold 不, 未 or 无 without negating anything (未成年人 is a minor); removed before negations are counted.
const NOT_NEGATIONS = /未成年|未来|不断|不仅|不过|不管|不论|不少|不久|不但|无论/g;
const NEGATION =
  /不得|不予|不能|不可|不准|不应|不宜|不必|不需|不属于|无需|无须|无法|无权|未经|没有|禁止|严禁|不|未|勿/g;
const CLAUSE = /[^,，;；。！？!?:：、]+/g;
const LEADING_LABEL = /^(?:第\d+[条款项章节编](?:之\d+)?|[一二三四五六七八九十]+|\(?\d+\)?)/;
/** How alike (LCS F1, negations left out) a clause and a source clause must be to be read as saying the same thing. */
const ALIGNED = 0.6;
const SHORTEST_CLAUSE = 4;
/** A sentence's clause may restate up to this many consecutive clauses of a source (…政府信息，不收取费用 as one). */
const WIDEST_WINDOW = 3;

type Clause = {
  text: string;
  start: number;
  end: number;
  core: string;
  negations: number;
  negative: boolean;
  /** Closed by a question mark: a question (an FAQ's heading, 申请政府信息公开收费吗？) asserts nothing either way. */
  question: boolean;
};

/**
 * Finds the first clause of a sentence that says the opposite of the clause of its sources it restates: the
 * clauses are aligned by their longest common subsequence with negations left out, then compared by polarity, so
 * 应当当场不予答复 against 应当当场予以答复 is caught while 不超过 and 不得超过 agree. Returns the clause and the
 * source's, or undefined.
 */
export function findNegationMismatch(
  sentence: string,
  sources: ReadonlyArray<string>,
): { text: string; expected: string } | undefined {
  const own = comparableText(sentence);
  // Lines are apart (a citation line, then the passage): comparable text drops line breaks, so split first.
  const cited = sources.flatMap((source) => source.split('\n')).map((line) => comparableText(line));
  const candidates = cited.flatMap((source) => windowsOf(clausesOf(source)).map((clause) => ({ clause, source })));
  for (const clause of clausesOf(own)) {
    // A clause quoted word for word says what its source says, unless the source negates it right before the quote
    // (收取费用 stands inside 不收取费用).
    if (clause.core.length < SHORTEST_CLAUSE || cited.some((source) => quotedUnnegated(clause.text, source.text)))
      continue;
    let best = 0;
    let agrees = false;
    let counterpart: { clause: Clause; source: ComparableText } | undefined;
    for (const candidate of candidates) {
      const score = alikeness(clause.core, candidate.clause.core);
      const same = candidate.clause.negative === clause.negative;
      // On a tie the agreeing clause wins: the sentence may restate either of two clauses that differ only in 不.
      if (score > best + 1e-9 || (Math.abs(score - best) <= 1e-9 && same && !agrees)) {
        best = score;
        agrees = same;
        counterpart = candidate;
      }
    }
    if (counterpart && best >= ALIGNED && !agrees)
      return {
        text: own.original(clause.start, clause.end),
        expected: counterpart.source.original(counterpart.clause.start, counterpart.clause.end),
      };
  }
  return undefined;
}

const NEGATED_BEFORE = new RegExp(`(?:${NEGATION.source})$`);

function quotedUnnegated(clause: string, source: string): boolean {
  for (let index = source.indexOf(clause); index >= 0; index = source.indexOf(clause, index + 1))
    if (!NEGATED_BEFORE.test(source.slice(Math.max(0, index - 3), index))) return true;
  return false;
}

function clausesOf(text: ComparableText): Clause[] {
  return [...text.text.matchAll(CLAUSE)].map((match) => {
    // An article label or outline marker before a clause (第九条, 一、) is not part of what it says.
    const cleaned = match[0].replace(LEADING_LABEL, '').replace(NOT_NEGATIONS, '');
    const negations = cleaned.match(NEGATION)?.length ?? 0;
    return {
      text: match[0],
      start: match.index!,
      end: match.index! + match[0].length,
      core: cleaned.replace(NEGATION, ''),
      negations,
      negative: negations % 2 === 1,
      question: /[？?]/.test(text.text[match.index! + match[0].length] ?? ''),
    };
  });
}

function windowsOf(clauses: Clause[]): Clause[] {
  const windows: Clause[] = [];
  for (let first = 0; first < clauses.length; first += 1) {
    let core = '';
    let negations = 0;
    for (let last = first; last < Math.min(clauses.length, first + WIDEST_WINDOW); last += 1) {
      if (clauses[last]!.question) break;
      core += clauses[last]!.core;
      negations += clauses[last]!.negations;
      windows.push({
        text: '',
        start: clauses[first]!.start,
        end: clauses[last]!.end,
        core,
        negations,
        negative: negations % 2 === 1,
        question: false,
      });
    }
  }
  return windows;
}

// 2·LCS / (|a| + |b|): 1 for the same characters in the same order, 0 for nothing in common.
function alikeness(left: string, right: string): number {
  if (left.length === 0 || right.length === 0) return 0;
  let previous = new Array<number>(right.length + 1).fill(0);
  let current = new Array<number>(right.length + 1).fill(0);
  for (let i = 1; i <= left.length; i += 1) {
    for (let j = 1; j <= right.length; j += 1)
      current[j] = left[i - 1] === right[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    [previous, current] = [current, previous];
  }
  return (2 * previous[right.length]!) / (left.length + right.length);
}
