import type { SentenceProblem, SentenceStatus } from './check-sentence.ts';

/** A passage a draft may cite: a retrieved chunk's id and text, and its citation (title, 文号, article) when known. */
export type CitablePassage = { id: number; text: string; citation?: string };

/**
 * One sentence of a draft. `formula` sentences are the fixed opening and closing of an official reply
 * (您好, 感谢您的关注); they state no fact and need no citation. Every other sentence must cite passages.
 */
export type DraftSentence = { text: string; citations: number[]; formula?: boolean };

export type RemovedSentence = DraftSentence & { reason: string; problems?: SentenceProblem[] };

/** What verification found: the sentences kept (possibly with links or contacts removed) and those removed, with why. */
export type VerificationReport = {
  kept: DraftSentence[];
  removed: RemovedSentence[];
  /** Share of citations that name a retrieved passage, before removal (1 when there are none). */
  citationValidity: number;
  /** Share of fact sentences kept as supported by their citations. */
  sentenceSupport: number;
  /** Links, phone numbers and e-mail addresses removed because no cited source contains them. */
  strippedContacts: string[];
  /** Every sentence as checked, with its status and problems (absent in versions stored before checks were kept). */
  checks?: Array<{ text: string; citations: number[]; status: SentenceStatus; problems: SentenceProblem[] }>;
};
