import type { Queryable } from '../db/database.ts';
import type { SearchResult } from '../retrieval/hybrid-search.ts';
import { expandQuery } from '../retrieval/expand-query.ts';
import { inverseDocumentFrequency, termStatistics } from '../retrieval/term-statistics.ts';
import { segment } from '../text/segmenter.ts';

/** How many of the question's rarest terms count as its most specific ones. */
const SPECIFIC_TERMS = 3;
/** Passages whose text the specific terms are looked for in (the ones a reply would quote). */
const TOP_PASSAGES = 3;
// Words of a question that say what is asked, not about what (多久, 如何, 规定): they do not name the topic.
const QUESTION_WORDS = new Set([
  '什么',
  '怎么',
  '怎样',
  '如何',
  '哪些',
  '多久',
  '多少',
  '是否',
  '可以',
  '需要',
  '规定',
  '情况',
  '应当',
  '能否',
  '为什么',
  '有没有',
  '吗',
]);

/** What decides whether the sources answer a question; each in [0, 1]. */
export type AnswerabilitySignals = {
  /** IDF-weighted share of the question's most specific terms found in the top passages. */
  specificCoverage: number;
  /** IDF-weighted share of the most specific terms found together in one passage (with its title). */
  specificTogether: number;
  /** Whether the single most specific term is in the first passage. */
  rarestInFirst: number;
  /** IDF-weighted share of all the question's terms found in the best single passage (with its title). */
  bestCoverage: number;
  /** How much better the best passage covers the question than the fifth: a clear winner, or many equal guesses. */
  margin: number;
  /** Share of the most specific terms that some current document's title contains (the topic has a document). */
  titleCoverage: number;
  /** IDF-weighted share of all the question's terms that some current document's title contains. */
  titleTerms: number;
  /** Share of the passages that come from the first passage's document (answers cluster in the law that governs). */
  documentFocus: number;
  /** Share of the question's neighbouring word pairs that stand close together (12 characters) in some passage. */
  pairCoverage: number;
  /** The same over the longer ranking (ten passages). */
  documentFocusTen: number;
  /** IDF-weighted share of the question's terms in the title of the first passage's document. */
  firstTitleTerms: number;
  /** IDF-weighted share of the question's terms that no indexed passage contains at all. */
  unknownTerms: number;
  /**
   * Agreement of the question bank's nearest approved answers with the passages found (1: they cite the same
   * provisions); undefined when no bank is consulted. Reserved for the question bank (#11).
   */
  questionBank?: number;
};

/** Reads the signals for a question and the passages retrieved for it. */
export async function answerabilitySignals(options: {
  database: Queryable;
  question: string;
  results: ReadonlyArray<Pick<SearchResult, 'content' | 'document'>>;
  /** A longer ranking, for how the passages cluster by document. @default results */
  judged?: ReadonlyArray<Pick<SearchResult, 'content' | 'document'>>;
}): Promise<AnswerabilitySignals> {
  const terms = [...new Set(segment(options.question))].filter((term) => !QUESTION_WORDS.has(term));
  const empty = {
    specificCoverage: 0,
    specificTogether: 0,
    rarestInFirst: 0,
    bestCoverage: 0,
    margin: 0,
    titleCoverage: 0,
    titleTerms: 0,
    documentFocus: 0,
    pairCoverage: 0,
    documentFocusTen: 0,
    firstTitleTerms: 0,
    unknownTerms: 1,
  };
  if (terms.length === 0 || options.results.length === 0) return empty;
  const statistics = await termStatistics(options.database, terms);
  const weight = new Map(terms.map((term) => [term, inverseDocumentFrequency(statistics, term)]));
  const total = terms.reduce((sum, term) => sum + weight.get(term)!, 0);
  const specific = [...terms].sort((left, right) => weight.get(right)! - weight.get(left)!).slice(0, SPECIFIC_TERMS);
  const specificTotal = specific.reduce((sum, term) => sum + weight.get(term)!, 0);
  const texts = options.results.map((result) => `${result.document.title}\n${result.content}`);
  const covered = (text: string, among: string[], whole: number) =>
    among.reduce((sum, term) => sum + (text.includes(term) ? weight.get(term)! : 0), 0) / whole;
  const top = texts.slice(0, TOP_PASSAGES).join('\n');
  const coverages = texts.map((text) => covered(text, terms, total));
  const best = coverages.reduce((most, value) => Math.max(most, value), 0);
  const fifth = [...coverages].sort((left, right) => right - left)[4] ?? 0;
  const inTitles = new Set(await termsInTitles(options.database, terms));
  const firstDocument = options.results[0]!.document.title;
  return {
    specificCoverage: covered(top, specific, specificTotal),
    specificTogether: texts.reduce((most, text) => Math.max(most, covered(text, specific, specificTotal)), 0),
    rarestInFirst: texts[0]!.includes(specific[0]!) ? 1 : 0,
    bestCoverage: best,
    margin: best - fifth,
    titleCoverage: specific.filter((term) => inTitles.has(term)).length / specific.length,
    titleTerms: terms.reduce((sum, term) => sum + (inTitles.has(term) ? weight.get(term)! : 0), 0) / total,
    documentFocus: focus(options.results),
    pairCoverage: pairsTogether(expandQuery(options.question).pairs, texts),
    documentFocusTen: focus(options.judged ?? options.results),
    firstTitleTerms: covered(firstDocument, terms, total),
    unknownTerms:
      terms.reduce((sum, term) => sum + (statistics.documentFrequency.has(term) ? 0 : weight.get(term)!), 0) / total,
  };
}

function pairsTogether(pairs: ReadonlyArray<[string, string]>, texts: string[]): number {
  if (pairs.length === 0) return 0;
  const near = (text: string, [first, second]: [string, string]) => {
    for (let at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
      const window = text.slice(Math.max(0, at - 12), at + first.length + 12);
      if (window.includes(second)) return true;
    }
    return false;
  };
  return pairs.filter((pair) => texts.some((text) => near(text, pair))).length / pairs.length;
}

// Share of the passages from the first passage's document.
function focus(results: ReadonlyArray<Pick<SearchResult, 'document'>>): number {
  const first = results[0]?.document.title;
  return results.length === 0 ? 0 : results.filter((result) => result.document.title === first).length / results.length;
}

// Current documents' titles, kept per database until documents change (a new version, a withdrawal, a restore changes
// the count or the newest id): scanning 2,500 titles in the database for every question cost a round trip and more.
const titleCache = new WeakMap<Queryable, { stamp: string; titles: string[] }>();

// The terms that stand in some current document's title.
async function termsInTitles(database: Queryable, terms: string[]): Promise<string[]> {
  const [row] = await database.query<{ stamp: string }>(
    `SELECT count(*) || ':' || coalesce(max(id), 0) AS stamp FROM documents WHERE status = 'current'`,
  );
  const stamp = row?.stamp ?? '';
  let titles = titleCache.get(database)?.stamp === stamp ? titleCache.get(database)!.titles : undefined;
  if (!titles) {
    const rows = await database.query<{ title: string }>(`SELECT title FROM documents WHERE status = 'current'`);
    titles = rows.map((title) => title.title);
    titleCache.set(database, { stamp, titles });
  }
  const known = titles;
  return terms.filter((term) => known.some((title) => title.includes(term)));
}

/** A calibrated decision: the weights of a logistic model over the signals, and the confidence it must reach. */
export type AnswerabilityModel = {
  weights: Record<keyof Omit<AnswerabilitySignals, 'questionBank'>, number> & { questionBank?: number };
  bias: number;
  threshold: number;
};

/**
 * Fitted on ../shared/eval/dev.jsonl by evaluation/calibrate-answerability.ts (README, "Measured": the curve, the
 * two-fold cross-validated figures and why this threshold).
 */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  weights: {
    specificCoverage: -1.577,
    specificTogether: 0.257,
    rarestInFirst: 0.501,
    bestCoverage: 0.517,
    margin: 1.262,
    titleCoverage: -1.912,
    titleTerms: 2.156,
    documentFocus: 1.139,
    documentFocusTen: 1.052,
    pairCoverage: 1.787,
    firstTitleTerms: 1.133,
    unknownTerms: 0,
  },
  bias: -2.013,
  threshold: 0.36,
};

/** Below this share of the question's weight in any passage, no reply can be built from the passages. */
export const MINIMUM_BEST_COVERAGE = 0.2;
/** Above this share of the question's weight in words the index has never seen, the corpus does not know the topic. */
export const MAXIMUM_UNKNOWN_TERMS = 0.5;

/**
 * The probability that the sources answer the question, from the signals and a model's weights; 0 when a veto
 * applies (the passages hold under a fifth of the question, or most of its words are unknown to the index).
 */
export function answerabilityConfidence(signals: AnswerabilitySignals, model: AnswerabilityModel): number {
  if (signals.bestCoverage < MINIMUM_BEST_COVERAGE || signals.unknownTerms > MAXIMUM_UNKNOWN_TERMS) return 0;
  let z = model.bias;
  for (const [name, weight] of Object.entries(model.weights)) {
    const value = signals[name as keyof AnswerabilitySignals];
    if (value !== undefined && weight !== undefined) z += weight * value;
  }
  return 1 / (1 + Math.exp(-z));
}
