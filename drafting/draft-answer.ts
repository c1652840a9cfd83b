import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { ChatModel, DraftAudience } from './chat-model.ts';
import { redactPersonalData } from '../privacy/redact-personal-data.ts';
import { listTalkingPoints, type TalkingPoint } from './talking-point-queries.ts';
import { formatCitation } from '../retrieval/format-citation.ts';
import { hybridSearch, type SearchResult } from '../retrieval/hybrid-search.ts';
import { closestApprovedAnswer, type SimilarAnswer } from '../retrieval/closest-approved-answer.ts';
import { segment } from '../text/segmenter.ts';
import { inverseDocumentFrequency, termStatistics } from '../retrieval/term-statistics.ts';
import type { VerificationReport } from './draft-types.ts';
import { flagContacts, type DraftFlag } from './flag-contacts.ts';
import { flagSensitiveWords } from './flag-sensitive-words.ts';
import { topicOf } from '../triage/triage-rules.ts';
import { redactVerification } from './redact-verification.ts';
import { verifyDraft } from './verify-draft.ts';

/**
 * Share of the question's words that the best passage must contain before huiying drafts an answer. Calibrated on
 * ../shared/eval/dev.jsonl (README, "Drafting"): 0.4 answers 93% of answerable questions but refuses only 6% of the
 * unanswerable ones. Word coverage cannot tell them apart well; a better signal is open work (#3).
 */
export const MINIMUM_EVIDENCE = 0.4;
const PASSAGES_OFFERED = 5;
const ASKS_ABOUT_OLD_TEXT =
  /旧版|老版|原版|原来的规定|以前的规定|过去的规定|修订前|修改前|修正前|已废止|已失效|废止的|失效的|\d{4}年版|\d{4}年的版本|\d{4}年修订前/;
/** Share of the question's words, weighted by rarity, an approved talking point must contain to be used instead of a new draft. */
export const TALKING_POINT_MATCH = 0.6;

export type Draft = {
  question: string;
  audience: DraftAudience;
  drafter: string;
  /** The answer text, personal data redacted; on refusal, the standard statement that no published policy supports an answer. */
  text: string;
  refused: boolean;
  escalate: boolean;
  escalationReasons: string[];
  sources: Array<{
    number: number;
    chunkId: number;
    citation: string;
    articleLabel: string | null;
    quote: string;
    sourceUri: string;
    start: number;
    end: number;
  }>;
  /** Sentences with the numbers of the sources they cite. */
  sentences: Array<{ text: string; sources: number[] }>;
  verification: VerificationReport;
  evidence: number;
  /** The passages the drafter was offered (what every citation must come from). */
  offered: Array<{ chunkId: number; text: string }>;
  /** Sensitive words and contacts that are not the office's own, for the reviewer (the text is not changed). */
  flags: DraftFlag[];
  /** Set when an approved talking point (口径) was used word for word instead of a new draft. */
  talkingPoint?: { documentId: number; title: string; approver: string | null; expiresOn: string | null };
  /** The closest approved past answer (question bank), for the reviewer to compare or start from; never posted as is. */
  similarAnswer?: SimilarAnswer;
};

const REFUSAL = '经检索，现行有效的公开政策文件中未找到能够直接答复该问题的依据，已转请相关职能部门研究答复。';

/**
 * Answers from an approved, unexpired talking point when one matches closely; otherwise retrieves, checks the
 * evidence, drafts with the given model, verifies every sentence and redacts personal data.
 */
export async function draftAnswer(options: {
  database: Database;
  embedder: Embedder;
  model: ChatModel;
  question: string;
  audience: DraftAudience;
  /** The day validity and talking-point expiry are judged on. @default today */
  asOf?: string;
  /** Words that flag the draft for the reviewer. @default none */
  sensitiveWords?: ReadonlyArray<string>;
  /** The office's own links, e-mail addresses and phone numbers; any other contact in the draft is flagged. @default none */
  officeContacts?: ReadonlyArray<string>;
}): Promise<Draft> {
  const draft = await composeDraft(options);
  const similarAnswer = await closestApprovedAnswer(options.database, {
    question: options.question,
    asOf: options.asOf,
  });
  const sentences = draft.sentences.map((sentence) => sentence.text);
  return {
    ...draft,
    ...(similarAnswer ? { similarAnswer } : {}),
    flags: [
      ...flagSensitiveWords(sentences, options.sensitiveWords ?? []),
      ...flagContacts(sentences, options.officeContacts ?? []),
    ],
  };
}

async function composeDraft(options: Parameters<typeof draftAnswer>[0]): Promise<Omit<Draft, 'flags'>> {
  const approved = await useTalkingPoint(options);
  if (approved) return approved;
  // Superseded, repealed or expired texts are searched only when the question asks about them; citations then say so.
  const includeInvalid = ASKS_ABOUT_OLD_TEXT.test(options.question);
  const results = await hybridSearch({
    database: options.database,
    embedder: options.embedder,
    query: options.question,
    limit: PASSAGES_OFFERED,
    filters: { asOf: options.asOf, includeInvalid },
  });
  const evidence = evidenceStrength(options.question, results);
  const base = {
    question: options.question,
    audience: options.audience,
    drafter: options.model.id,
    evidence,
    offered: results.map((result) => ({ chunkId: result.chunkId, text: result.content })),
  };
  if (evidence < MINIMUM_EVIDENCE)
    return refusal(base, [
      `the best passage covers ${(evidence * 100).toFixed(0)}% of the question's words (needs ${MINIMUM_EVIDENCE * 100}%)`,
    ]);
  const passages = results.map((result) => ({
    id: result.chunkId,
    text: result.content,
    citation: formatCitation(result),
  }));
  const modelDraft = await options.model.draft({ question: options.question, audience: options.audience, passages });
  const verification = verifyDraft({ sentences: modelDraft.sentences, passages });
  const published = results.map((result) => result.content).join('\n');
  // Everything shown to people is redacted, the verification report and escalation reasons included.
  const redact = (text: string) => redactPersonalData(text, { publishedText: published }).text;
  const shown = redactVerification(verification, redact);
  if (verification.kept.every((sentence) => sentence.formula))
    return refusal(
      base,
      [...modelDraft.escalationReasons.map(redact), 'no drafted sentence survived verification'],
      shown,
    );

  const cited = [...new Set(verification.kept.flatMap((sentence) => sentence.citations))];
  const numberOf = new Map(cited.map((id, index) => [id, index + 1]));
  const sentences = verification.kept.map((sentence) => ({
    text: redact(sentence.text),
    sources: sentence.citations.map((id) => numberOf.get(id)!),
  }));
  const byId = new Map(results.map((result) => [result.chunkId, result]));
  return {
    ...base,
    text: sentences
      .map((sentence) => `${sentence.text}${sentence.sources.map((number) => `[${number}]`).join('')}`)
      .join(''),
    refused: false,
    escalate: modelDraft.escalationReasons.length > 0 || verification.removed.length > 0,
    escalationReasons: [
      ...modelDraft.escalationReasons.map(redact),
      ...shown.removed.map((sentence) => `removed "${sentence.text}": ${sentence.reason}`),
    ],
    sources: cited.map((id) => {
      const result = byId.get(id)!;
      return {
        number: numberOf.get(id)!,
        chunkId: id,
        citation: formatCitation(result),
        articleLabel: result.articleLabel,
        quote: result.content,
        sourceUri: result.document.sourceUri,
        start: result.start,
        end: result.end,
      };
    }),
    sentences,
    verification: shown,
  };
}

// A talking point is used verbatim: every chunk of it, in order. It is used whole, so it is judged whole: its title
// and every chunk must together hold enough of the question's words, each word weighted by its rarity in the index,
// so that a long statement sharing the question's common words (恢复, 通行) but not its subject (大桥) is not used.
// The best such talking point wins.
async function useTalkingPoint(options: {
  database: Database;
  question: string;
  audience: DraftAudience;
  asOf?: string;
}): Promise<Omit<Draft, 'flags'> | undefined> {
  const points = await listTalkingPoints(options.database, { asOf: options.asOf });
  const terms = [...new Set(segment(options.question))];
  if (points.length === 0 || terms.length === 0) return undefined;
  const statistics = await termStatistics(options.database, terms);
  const weights = terms.map((term) => inverseDocumentFrequency(statistics, term));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let best: { point: TalkingPoint; evidence: number } | undefined;
  for (const point of points) {
    const text = `${point.title}\n${point.chunks.map((chunk) => chunk.content).join('\n')}`;
    const evidence = terms.reduce((sum, term, index) => sum + (text.includes(term) ? weights[index]! : 0), 0) / total;
    if (evidence >= TALKING_POINT_MATCH && evidence > (best?.evidence ?? 0)) best = { point, evidence };
  }
  return best ? talkingPointDraft({ ...options, ...best }) : undefined;
}

function talkingPointDraft(options: {
  question: string;
  audience: DraftAudience;
  point: TalkingPoint;
  evidence: number;
}): Omit<Draft, 'flags'> {
  const { point } = options;
  const citation = `《${point.title}》（经审核的口径）`;
  const text = point.chunks.map((chunk) => chunk.content).join('\n');
  const offered = point.chunks.map((chunk) => ({ chunkId: chunk.id, text: chunk.content }));
  return {
    question: options.question,
    audience: options.audience,
    drafter: 'talking-points',
    text: `${text}[1]`,
    refused: false,
    escalate: false,
    escalationReasons: [],
    sources: [
      {
        number: 1,
        chunkId: point.chunks[0]!.id,
        citation,
        articleLabel: null,
        quote: text,
        sourceUri: point.sourceUri,
        start: point.chunks[0]!.start,
        end: point.chunks.at(-1)!.end,
      },
    ],
    sentences: point.chunks.map((chunk) => ({ text: chunk.content, sources: [1] })),
    verification: verifyDraft({
      sentences: offered.map((chunk) => ({ text: chunk.text, citations: [chunk.chunkId] })),
      passages: offered.map((chunk) => ({ id: chunk.chunkId, text: chunk.text })),
    }),
    evidence: options.evidence,
    offered,
    talkingPoint: {
      documentId: point.documentId,
      title: point.title,
      approver: point.approver,
      expiresOn: point.expiresOn,
    },
  };
}

/** The largest share of the question's words found in any one retrieved passage. */
export function evidenceStrength(question: string, results: ReadonlyArray<Pick<SearchResult, 'content'>>): number {
  const terms = [...new Set(segment(question))];
  if (terms.length === 0) return 0;
  return results.reduce(
    (best, result) => Math.max(best, terms.filter((term) => result.content.includes(term)).length / terms.length),
    0,
  );
}

function refusal(
  base: Pick<Draft, 'question' | 'audience' | 'drafter' | 'evidence' | 'offered'>,
  reasons: string[],
  verification?: VerificationReport,
): Omit<Draft, 'flags'> {
  // The department in charge of the question's topic (谁主管谁负责), when its words name one.
  const competent = topicOf(base.question)?.department;
  const text = competent ? `${REFUSAL}如需及时了解，建议向${competent}咨询。` : REFUSAL;
  return {
    ...base,
    text,
    refused: true,
    escalate: true,
    escalationReasons: reasons,
    sources: [],
    sentences: [{ text, sources: [] }],
    verification: verification ?? {
      kept: [],
      removed: [],
      citationValidity: 1,
      sentenceSupport: 1,
      strippedContacts: [],
    },
  };
}
