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
import { redactVerification } from './redact-verification.ts';
import { verifyDraft } from './verify-draft.ts';
import {
  ANSWERABILITY_MODEL,
  answerabilityConfidence,
  answerabilitySignals,
  type AnswerabilityModel,
  type AnswerabilitySignals,
} from './assess-answerability.ts';
import { frameAnswer, frameHoldingReply, framedText, type FramedSentence } from './frame-draft.ts';
import { GENERAL_GUIDANCE, routeQuestion, type GuidanceTable } from './guidance-table.ts';
import { selectProvisions } from './select-provisions.ts';

// The drafter chooses its (at most three) provisions among this many passages.
const PASSAGES_OFFERED = 5;
// The answerability decision was fitted on signals of the first five passages (and the first ten, PASSAGES_JUDGED).
const PASSAGES_SIGNALLED = 5;
// Answerability looks further down the ranking than drafting does: how the top ten cluster is one of its signals.
const PASSAGES_JUDGED = 10;
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
    /** Where the cited document has force ([] national), and whether it is in force (current and 有效). */
    region?: string[];
    inForce?: boolean;
  }>;
  /**
   * Sentences with the numbers of the sources they cite; `role` tells facts from fixed formulas and from the text the
   * office configured (办理指引, 落款), which is not a source.
   */
  sentences: Array<{ text: string; sources: number[]; role?: FramedSentence['role'] }>;
  verification: VerificationReport;
  evidence: number;
  /** The passages the drafter was offered (what every citation must come from), each headed by its citation. */
  offered: Array<{ chunkId: number; text: string }>;
  /** Whether the sources were judged to answer the question, with the signals behind it. */
  answerability?: { answerable: boolean; confidence: number; threshold: number; signals: AnswerabilitySignals };
  /** The topic the question was routed to and the department in charge (谁主管谁负责), for the reviewer. */
  routing?: { topic: string; department: string };
  /** The office's configured 办理指引 included in the reply: its own words, not a cited source. */
  guidance?: { topic: string | null; text: string; configured: true };
  /** Sensitive words and contacts that are not the office's own, for the reviewer (the text is not changed). */
  flags: DraftFlag[];
  /** Set when an approved talking point (口径) was used word for word instead of a new draft. */
  talkingPoint?: { documentId: number; title: string; approver: string | null; expiresOn: string | null };
  /** The closest approved past answer (question bank), for the reviewer to compare or start from; never posted as is. */
  similarAnswer?: SimilarAnswer;
};

/** What the office configured for its replies: who signs, its 办理指引 table, and the region its answers cite. */
export type DraftProfile = {
  officeName: string;
  guidance: GuidanceTable;
  /** Only national documents and those of this region and its parents are cited (属地). @default any region */
  jurisdiction?: ReadonlyArray<string>;
};

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
  /** The office's frame, guidance and jurisdiction. @default unsigned, no guidance, any region */
  profile?: DraftProfile;
  /** The day the reply is dated, YYYY-MM-DD. @default asOf, or today in China */
  today?: string;
  /** The day the case must be answered by, promised in a holding reply. @default "within the time allowed" */
  replyBy?: string;
  /** The decision's weights and threshold. @default ANSWERABILITY_MODEL */
  answerabilityModel?: AnswerabilityModel;
  /** The question bank's agreement signal, when a bank was consulted (see AnswerabilitySignals). */
  questionBankAgreement?: number;
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
  const judged = await hybridSearch({
    database: options.database,
    embedder: options.embedder,
    query: options.question,
    limit: PASSAGES_JUDGED,
    filters: { asOf: options.asOf, includeInvalid, jurisdiction: options.profile?.jurisdiction },
  });
  const results = judged.slice(0, PASSAGES_OFFERED);
  const signals = {
    ...(await answerabilitySignals({
      database: options.database,
      question: options.question,
      results: judged.slice(0, PASSAGES_SIGNALLED),
      judged,
    })),
    ...(options.questionBankAgreement === undefined ? {} : { questionBank: options.questionBankAgreement }),
  };
  const model = options.answerabilityModel ?? ANSWERABILITY_MODEL;
  const confidence = answerabilityConfidence(signals, model);
  const route = options.profile ? routeQuestion(options.question, options.profile.guidance) : undefined;
  const frame = {
    audience: options.audience,
    officeName: options.profile?.officeName ?? '',
    date: options.today ?? options.asOf ?? chinaToday(),
    guidance: options.profile ? (route?.guidance ?? GENERAL_GUIDANCE) : undefined,
  };
  const base = {
    question: options.question,
    audience: options.audience,
    drafter: options.model.id,
    evidence: confidence,
    offered: results.map((result) => ({ chunkId: result.chunkId, text: citedText(result) })),
    answerability: { answerable: confidence >= model.threshold, confidence, threshold: model.threshold, signals },
    ...(route ? { routing: { topic: route.topic, department: route.department } } : {}),
  };
  const hold = (reasons: string[], verification?: VerificationReport) =>
    holdingReply({ base, reasons, verification, frame, replyBy: options.replyBy, department: route?.department });
  if (confidence < model.threshold)
    return hold([
      `检索到的依据不足以答复（置信度 ${confidence.toFixed(2)}，需达到 ${model.threshold}）：${weakestSignal(signals)}`,
    ]);
  const provisions = selectProvisions({ results, question: options.question, includeInvalid });
  const passages = provisions.map((result) => ({
    id: result.chunkId,
    text: result.content,
    citation: formatCitation(result),
    attribution: attributionOf(result),
  }));
  const modelDraft = await options.model.draft({ question: options.question, audience: options.audience, passages });
  // The frame supplies the opening and closing; a model's own formulas are left out so they are not said twice.
  const facts = modelDraft.sentences.filter((sentence) => !(sentence.formula || sentence.citations.length === 0));
  // A passage is checked with its citation, so an attribution (根据《…》第三十八条规定) is checked too.
  const verification = verifyDraft({ sentences: facts, passages });
  const published = results.map((result) => result.content).join('\n');
  // Everything shown to people is redacted, the verification report and escalation reasons included.
  const redact = (text: string) => redactPersonalData(text, { publishedText: published }).text;
  const shown = redactVerification(verification, redact);
  if (verification.kept.length === 0)
    return hold(
      [
        ...modelDraft.escalationReasons.map(redact),
        '没有一句草稿通过核验（no drafted sentence survived verification）',
      ],
      shown,
    );

  const cited = [...new Set(verification.kept.flatMap((sentence) => sentence.citations))];
  const numberOf = new Map(cited.map((id, index) => [id, index + 1]));
  const sentences = frameAnswer(
    verification.kept.map((sentence) => ({
      text: redact(sentence.text),
      sources: sentence.citations.map((id) => numberOf.get(id)!),
    })),
    frame,
  );
  const byId = new Map(results.map((result) => [result.chunkId, result]));
  return {
    ...base,
    text: framedText(sentences),
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
        region: result.document.region,
        inForce: result.document.status === 'current' && ['有效', '尚未生效'].includes(result.document.validity),
      };
    }),
    sentences,
    ...guidanceOf(sentences, route?.topic),
    verification: shown,
  };
}

/** How a reply introduces a quote: 根据《…》第X条规定 for a provision of a normative document, 《…》载明 otherwise. */
function attributionOf(result: SearchResult): string {
  const normative = result.document.docType === 'regulation' || result.document.docType === 'policy';
  const source = formatCitation(result.articleLabel ? result : { ...result, headingPath: [] });
  return normative ? `根据${source}规定` : `${source}载明`;
}

/** A passage as the drafter and the verifier see it: its citation, then its text. */
function citedText(result: SearchResult): string {
  return `${formatCitation(result)}\n${result.content}`;
}

function guidanceOf(sentences: FramedSentence[], topic: string | undefined): Pick<Draft, 'guidance'> {
  const guidance = sentences.find((sentence) => sentence.role === 'guidance');
  return guidance ? { guidance: { topic: topic ?? null, text: guidance.text, configured: true } } : {};
}

// Which signal fell short, in words a reviewer reads.
function weakestSignal(signals: AnswerabilitySignals): string {
  if (signals.unknownTerms > 0.3) return '问题中的部分关键词在知识库中没有出现';
  if (signals.specificCoverage < 0.5) return '问题中最关键的词没有出现在检索到的条文中';
  if (signals.titleCoverage === 0) return '没有一份文件的标题涉及问题的主题';
  return '检索到的条文与问题的吻合程度不够';
}

function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
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

/**
 * When the sources do not support an answer, no answer is composed: the public text is an honest holding reply,
 * the reviewer sees the candidate passages (offered) and the department the question belongs to, and the case is
 * marked for escalation.
 */
function holdingReply(options: {
  base: Pick<Draft, 'question' | 'audience' | 'drafter' | 'evidence' | 'offered' | 'answerability' | 'routing'>;
  reasons: string[];
  verification?: VerificationReport;
  frame: Parameters<typeof frameAnswer>[1];
  replyBy?: string;
  department?: string;
}): Omit<Draft, 'flags'> {
  const sentences = frameHoldingReply({ ...options.frame, replyBy: options.replyBy, department: options.department });
  const suggestion = options.base.routing
    ? [
        `建议转请${options.base.routing.department}研究答复（问题涉及：${options.base.routing.topic}）；确需转办的，请改派或上报后再告知群众`,
      ]
    : [];
  return {
    ...options.base,
    text: framedText(sentences),
    refused: true,
    escalate: true,
    escalationReasons: [...options.reasons, ...suggestion],
    sources: [],
    sentences,
    verification: options.verification ?? {
      kept: [],
      removed: [],
      citationValidity: 1,
      sentenceSupport: 1,
      strippedContacts: [],
    },
  };
}
