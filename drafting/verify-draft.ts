import { segment } from '../text/segmenter.ts';
import type { CitablePassage, DraftSentence, RemovedSentence, VerificationReport } from './draft-types.ts';

// Facts that must appear word for word in a cited passage: 文号, article labels, dates, amounts and other numbers.
const FACT_PATTERNS = [
  /[\p{Script=Han}]{1,12}[〔\[【(（]\d{4}[〕\]】)）]\d+号/gu,
  /第[零〇一二两三四五六七八九十百千\d]+[条款项章节]/gu,
  /\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日/gu,
  /\d+(?:\.\d+)?(?:%|％|万元|亿元|元|个工作日|日|天|个月|年|小时|周岁|平方米)?/gu,
];
const CONTACTS =
  /https?:\/\/[^\s，。；）)]+|www\.[^\s，。；）)]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})(?!\d)/g;
const LEADING_VERBS = /^(依据|根据|按照|依照|参照|执行|贯彻)/;
/** Share of a sentence's own words that its citations must contain. */
const MINIMUM_TERM_OVERLAP = 0.5;

/**
 * Checks every sentence of a draft against the passages it cites, whatever wrote the draft (the extractive drafter
 * or a model that may have been manipulated by the public's text). A sentence is removed when it cites nothing, cites
 * a passage that was not retrieved, states a number, date, 文号 or article that no cited passage contains word for
 * word, or shares too few words with its citations. Links, phone numbers and e-mail addresses that no cited passage
 * contains are cut out of the sentences that stay.
 */
export function verifyDraft(options: {
  sentences: ReadonlyArray<DraftSentence>;
  passages: ReadonlyArray<CitablePassage>;
}): VerificationReport {
  const byId = new Map(options.passages.map((passage) => [passage.id, passage.text]));
  const kept: DraftSentence[] = [];
  const removed: RemovedSentence[] = [];
  const strippedContacts: string[] = [];
  let citations = 0;
  let validCitations = 0;
  let factSentences = 0;

  for (const sentence of options.sentences) {
    citations += sentence.citations.length;
    validCitations += sentence.citations.filter((id) => byId.has(id)).length;
    const sources = sentence.citations
      .map((id) => byId.get(id))
      .filter((text): text is string => text !== undefined)
      .join('\n');
    const stripped = stripUnsourcedContacts(sentence.text, sources);
    for (const contact of stripped.removed) strippedContacts.push(contact);
    const candidate = { ...sentence, text: stripped.text };
    if (sentence.formula && sentence.citations.length === 0) {
      if (unsupportedFacts(candidate.text, '').length > 0 || stripped.removed.length > 0)
        removed.push({ ...sentence, reason: 'a formula sentence may not state facts or contacts' });
      else kept.push(candidate);
      continue;
    }
    factSentences += 1;
    const reason = rejection(candidate, sentence.citations, byId, sources);
    if (reason) removed.push({ ...sentence, reason });
    else kept.push(candidate);
  }
  const supported = kept.filter((sentence) => !sentence.formula || sentence.citations.length > 0).length;
  return {
    kept,
    removed,
    citationValidity: citations === 0 ? 1 : validCitations / citations,
    sentenceSupport: factSentences === 0 ? 1 : supported / factSentences,
    strippedContacts,
  };
}

function rejection(
  sentence: DraftSentence,
  citations: number[],
  byId: Map<number, string>,
  sources: string,
): string | undefined {
  if (citations.length === 0) return 'cites no passage';
  const unknown = citations.filter((id) => !byId.has(id));
  if (unknown.length > 0) return `cites passages that were not retrieved: ${unknown.join(', ')}`;
  const facts = unsupportedFacts(sentence.text, sources);
  if (facts.length > 0) return `states what its sources do not: ${facts.join('、')}`;
  const terms = [...new Set(segment(sentence.text))];
  const compactSources = sources.replace(/\s+/g, '');
  const covered = terms.filter((term) => compactSources.includes(term)).length;
  if (terms.length > 0 && covered / terms.length < MINIMUM_TERM_OVERLAP)
    return `shares too few words with its sources (${covered} of ${terms.length})`;
  return undefined;
}

/** Facts in the sentence that the sources do not contain verbatim. */
export function unsupportedFacts(text: string, sources: string): string[] {
  const compactSources = sources.replace(/\s+/g, '');
  const missing = new Set<string>();
  let rest = text.replace(/\s+/g, '');
  for (const pattern of FACT_PATTERNS) {
    for (const match of rest.matchAll(pattern))
      if (!factInSources(match[0], compactSources)) missing.add(match[0].replace(LEADING_VERBS, ''));
    // A fact checked whole (2024年3月1日) is not checked again piece by piece (2024年, 3).
    rest = rest.replace(pattern, ' ');
  }
  return [...missing];
}

// A 文号 match may start with the words before it (依据青政发〔2024〕3号): it is supported when some tail of it that
// keeps at least two characters of the issuer's abbreviation stands in the sources.
function factInSources(fact: string, compactSources: string): boolean {
  const bracket = fact.search(/[〔\[【(（]\d{4}/);
  if (bracket <= 0) return compactSources.includes(fact);
  for (let start = 0; bracket - start >= 2; start += 1) if (compactSources.includes(fact.slice(start))) return true;
  return false;
}

function stripUnsourcedContacts(text: string, sources: string): { text: string; removed: string[] } {
  const removed: string[] = [];
  const cleaned = text.replace(CONTACTS, (contact) => {
    if (sources.includes(contact)) return contact;
    removed.push(contact);
    return '';
  });
  return {
    text: cleaned
      .replace(/[（(]\s*[)）]/g, '')
      .replace(/\s{2,}/g, ' ')
      .trim(),
    removed,
  };
}
