import { comparableText } from '../text/comparable-text.ts';
import { segment } from '../text/segmenter.ts';
import { contactAmong, findContacts } from './find-contacts.ts';
import { findNegationMismatch } from './find-negation-mismatch.ts';

/** What can be wrong with a sentence against its sources (shared by draft verification and statement checking). */
export type ProblemKind =
  'number' | 'date' | 'document-number' | 'article' | 'law-name' | 'contact' | 'negation' | 'no-source';

/** One problem: the offending text as the sentence has it and, where the sources say something else, what they say. */
export type SentenceProblem = { kind: ProblemKind; text: string; expected?: string };

/** supported: nothing wrong; mismatch: it has sources but states something they do not; unsupported: no source carries it. */
export type SentenceStatus = 'supported' | 'mismatch' | 'unsupported';

export type SentenceCheck = {
  status: SentenceStatus;
  problems: SentenceProblem[];
  /** How many of the sentence's own words stand in its sources. */
  overlap: { covered: number; terms: number };
};

type FactKind = Exclude<ProblemKind, 'contact' | 'negation' | 'no-source'>;

// Facts that must stand in a source verbatim, matched on comparable text (width folded, numerals in digits), in
// this order: a fact checked whole (2024年3月1日) is not checked again piece by piece (2024年, 3).
const FACTS: Array<{ kind: FactKind; pattern: RegExp }> = [
  { kind: 'law-name', pattern: /《[^《》]{2,60}》/gu },
  { kind: 'document-number', pattern: /[\p{Script=Han}]{1,12}[〔[【(（]\d{4}[〕\]】)）]\d+号/gu },
  { kind: 'article', pattern: /第\d+[条款项章节编]/gu },
  { kind: 'date', pattern: /\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}/gu },
  { kind: 'number', pattern: /\d+(?:\.\d+)?(?:%|万元|亿元|元|个工作日|工作日|日|天|个月|年|小时|周岁|平方米)?/gu },
];
const LEADING_VERBS = /^(依据|根据|按照|依照|参照|执行|贯彻)/;
const COUNTRY = /中华人民共和国/g;
/** Share of a sentence's own words that its sources must contain. */
export const MINIMUM_TERM_OVERLAP = 0.5;

/**
 * Checks one sentence against the texts it rests on: every link, e-mail and phone-length number must stand in
 * them; every number, amount, date, 文号, article and 《title》 too, after width and Chinese numerals are
 * normalised (二十个工作日 = 20个工作日); no clause may negate what the source clause it restates affirms, or the
 * reverse; and at least half its words must be theirs. A formula sentence (您好, 感谢您的关注) needs no source but
 * may state nothing that would need one.
 */
export function checkSentence(options: {
  text: string;
  sources: ReadonlyArray<string>;
  formula?: boolean;
}): SentenceCheck {
  const { text, sources } = options;
  const problems: SentenceProblem[] = [];
  const joined = sources.join('\n');
  const sourceContacts = findContacts(joined);
  const contacts = findContacts(text);
  for (const contact of contacts)
    if (!contactAmong(contact, sourceContacts)) problems.push({ kind: 'contact', text: contact.text });
  // Contacts are checked as contacts, not again as numbers: blank them out, keeping every offset.
  let factText = text;
  for (const contact of contacts)
    factText =
      factText.slice(0, contact.start) + '，'.repeat(contact.end - contact.start) + factText.slice(contact.end);
  for (const problem of unsupportedFacts(factText, joined)) problems.push(problem);
  // Words are counted without the contacts, which were checked as contacts (a link's pieces are not words).
  const overlap = wordOverlap(factText, joined);
  if (sources.length === 0) {
    if (!options.formula) problems.push({ kind: 'no-source', text });
    return { status: statusOf(problems), problems, overlap };
  }
  const negation = findNegationMismatch(text, sources);
  if (negation) problems.push({ kind: 'negation', ...negation });
  if (overlap.terms > 0 && overlap.covered / overlap.terms < MINIMUM_TERM_OVERLAP)
    problems.push({ kind: 'no-source', text });
  return { status: statusOf(problems), problems, overlap };
}

function statusOf(problems: ReadonlyArray<SentenceProblem>): SentenceStatus {
  if (problems.length === 0) return 'supported';
  return problems.some((problem) => problem.kind === 'no-source') ? 'unsupported' : 'mismatch';
}

function unsupportedFacts(text: string, sources: string): SentenceProblem[] {
  const own = comparableText(text);
  const cited = comparableText(sources).text;
  const citedLaws = cited.replace(COUNTRY, '');
  const problems: SentenceProblem[] = [];
  const seen = new Set<string>();
  let rest = own.text;
  for (const { kind, pattern } of FACTS) {
    for (const match of rest.matchAll(pattern)) {
      const supported =
        kind === 'law-name'
          ? citedLaws.includes(match[0].slice(1, -1).replace(COUNTRY, ''))
          : factInSources(match[0], cited);
      if (supported) continue;
      const original = own.original(match.index!, match.index! + match[0].length).replace(LEADING_VERBS, '');
      if (seen.has(original)) continue;
      seen.add(original);
      const expected = sameKindFacts(kind, match[0], cited);
      problems.push({ kind, text: original, ...(expected && { expected }) });
    }
    // Blank what was checked, keeping offsets, so its pieces are not checked again.
    rest = rest.replace(pattern, (found) => ' '.repeat(found.length));
  }
  return problems;
}

// A 文号 match may start with the words before it (依据青政发〔2024〕3号): it is supported when some tail of it that
// keeps at least two characters of the issuer's abbreviation stands in the sources.
function factInSources(fact: string, sources: string): boolean {
  const bracket = fact.search(/[〔[【(（]\d{4}/);
  if (bracket <= 0) return sources.includes(fact);
  for (let start = 0; bracket - start >= 2; start += 1) if (sources.includes(fact.slice(start))) return true;
  return false;
}

// What the sources say instead: facts of the same kind (for a number, with the same unit), a few of them.
function sameKindFacts(kind: FactKind, fact: string, sources: string): string | undefined {
  const pattern = FACTS.find((entry) => entry.kind === kind)!.pattern;
  const unit = kind === 'number' ? fact.replace(/^[\d.]+/, '') : '';
  if (kind === 'number' && unit === '') return undefined;
  const found = new Set<string>();
  for (const match of sources.matchAll(pattern)) {
    if (kind === 'number' && match[0].replace(/^[\d.]+/, '') !== unit) continue;
    found.add(match[0]);
    if (found.size === 3) break;
  }
  return found.size > 0 ? [...found].join('、') : undefined;
}

function wordOverlap(text: string, sources: string): { covered: number; terms: number } {
  const terms = [...new Set(segment(text))];
  const compactSources = sources.replace(/\s+/g, '');
  return { covered: terms.filter((term) => compactSources.includes(term)).length, terms: terms.length };
}
