import { checkSentence, type SentenceProblem } from './check-sentence.ts';
import type { CitablePassage, DraftSentence, RemovedSentence, VerificationReport } from './draft-types.ts';
import { findContacts } from './find-contacts.ts';

/**
 * Checks every sentence of a draft against the passages it cites, whatever wrote the draft (the extractive drafter,
 * a model that may have been manipulated by the public's text, or a reviewer's edit), with `checkSentence`. A
 * sentence is removed when it cites nothing, cites a passage that was not retrieved, states a number, date, 文号,
 * article or title that no cited passage contains (Chinese numerals and full-width digits read as digits), negates
 * what its source affirms or the reverse, or shares too few words with its citations. Links (any domain-like
 * token), phone-length numbers and e-mail addresses that no cited passage contains are cut out of the sentences
 * that stay.
 */
export function verifyDraft(options: {
  sentences: ReadonlyArray<DraftSentence>;
  passages: ReadonlyArray<CitablePassage>;
}): VerificationReport {
  // A passage's citation (title, 文号, article) is part of what a sentence may state about it.
  const byId = new Map(
    options.passages.map((passage) => [
      passage.id,
      passage.citation ? `${passage.citation}\n${passage.text}` : passage.text,
    ]),
  );
  const kept: DraftSentence[] = [];
  const removed: RemovedSentence[] = [];
  const checks: NonNullable<VerificationReport['checks']> = [];
  const strippedContacts: string[] = [];
  let citations = 0;
  let validCitations = 0;
  let factSentences = 0;
  const remove = (sentence: DraftSentence, reason: string, problems: SentenceProblem[]) =>
    removed.push({ ...sentence, reason, problems });

  for (const sentence of options.sentences) {
    citations += sentence.citations.length;
    validCitations += sentence.citations.filter((id) => byId.has(id)).length;
    const formula = sentence.formula === true && sentence.citations.length === 0;
    const unknown = sentence.citations.filter((id) => !byId.has(id));
    const sources = sentence.citations.flatMap((id) => byId.get(id) ?? []);
    const check = checkSentence({ text: sentence.text, sources: unknown.length > 0 ? [] : sources, formula });
    checks.push({ text: sentence.text, citations: sentence.citations, status: check.status, problems: check.problems });
    if (!formula) factSentences += 1;
    if (formula) {
      if (check.problems.length > 0)
        remove(sentence, 'a formula sentence may not state facts or contacts', check.problems);
      else kept.push(sentence);
      continue;
    }
    if (sentence.citations.length === 0) {
      remove(sentence, 'cites no passage', check.problems);
      continue;
    }
    if (unknown.length > 0) {
      remove(sentence, `cites passages that were not retrieved: ${unknown.join(', ')}`, check.problems);
      continue;
    }
    const reason = rejection(check.problems, check.overlap);
    if (reason) {
      remove(sentence, reason, check.problems);
      continue;
    }
    const foreign = check.problems.filter((problem) => problem.kind === 'contact').map((problem) => problem.text);
    for (const contact of foreign) strippedContacts.push(contact);
    kept.push({ ...sentence, text: cutContacts(sentence.text, foreign) });
  }
  const supported = kept.filter((sentence) => !sentence.formula || sentence.citations.length > 0).length;
  return {
    kept,
    removed,
    citationValidity: citations === 0 ? 1 : validCitations / citations,
    sentenceSupport: factSentences === 0 ? 1 : supported / factSentences,
    strippedContacts,
    checks,
  };
}

// Why a sentence with valid citations is removed; a contact alone is cut, not a reason to drop the sentence.
function rejection(
  problems: ReadonlyArray<SentenceProblem>,
  overlap: { covered: number; terms: number },
): string | undefined {
  const facts = problems.filter((problem) => !['contact', 'negation', 'no-source'].includes(problem.kind));
  if (facts.length > 0) return `states what its sources do not: ${facts.map((problem) => problem.text).join('、')}`;
  const negation = problems.find((problem) => problem.kind === 'negation');
  if (negation)
    return `says the opposite of its source: “${negation.text}” where the source says “${negation.expected}”`;
  if (problems.some((problem) => problem.kind === 'no-source'))
    return `shares too few words with its sources (${overlap.covered} of ${overlap.terms})`;
  return undefined;
}

function cutContacts(text: string, contacts: ReadonlyArray<string>): string {
  if (contacts.length === 0) return text;
  let cleaned = '';
  let cursor = 0;
  for (const contact of findContacts(text)) {
    if (!contacts.includes(contact.text)) continue;
    cleaned += text.slice(cursor, contact.start);
    cursor = contact.end;
  }
  cleaned += text.slice(cursor);
  return cleaned
    .replace(/[（(]\s*[)）]/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
