import { DEFAULTS, type QuestionBankSettings } from '../config/defaults.ts';
import type { Queryable } from '../db/database.ts';
import type { BankOrigin } from '../ingest/question-bank-queries.ts';
import { findSimilarQuestions } from './question-bank-index.ts';
import { questionBankEvidence } from './question-bank-evidence.ts';

/** An approved past answer close to a new question, shown to the reviewer beside the draft. */
export type SimilarAnswer = {
  entryId: number;
  origin: BankOrigin;
  /** The case it answered, when it was posted by huiying. */
  caseId: number | null;
  /** The file and line it was imported from, otherwise. */
  source: string | null;
  question: string;
  answer: string;
  postedAt: string;
  /** Cosine similarity of the two questions' terms, 0–1. */
  similarity: number;
};

const CONSULTED = 5;

/**
 * The most similar approved past answer whose citations still stand (an answer resting on superseded text is not
 * offered), when its question is at least `showSimilarAnswerFrom` alike. It is shown to the reviewer, who may start
 * from it; it is never posted without a new approval.
 */
export async function closestApprovedAnswer(
  database: Queryable,
  options: { question: string; asOf?: string; settings?: Partial<QuestionBankSettings> },
): Promise<SimilarAnswer | undefined> {
  return (await closestApprovedAnswers(database, { ...options, limit: 1 }))[0];
}

/**
 * Up to `limit` approved past answers to questions like this one, most similar first, each at least
 * `showSimilarAnswerFrom` alike and with every citation still standing; `excludeCaseId` leaves out a case's own.
 */
export async function closestApprovedAnswers(
  database: Queryable,
  options: {
    question: string;
    limit: number;
    asOf?: string;
    excludeCaseId?: number;
    settings?: Partial<QuestionBankSettings>;
  },
): Promise<SimilarAnswer[]> {
  const settings = { ...DEFAULTS.questionBank, ...options.settings };
  const neighbours = (
    await findSimilarQuestions(database, {
      question: options.question,
      limit: Math.max(CONSULTED, options.limit * 2),
      halfLifeDays: settings.halfLifeDays,
    })
  ).filter(
    (neighbour) =>
      neighbour.similarity >= settings.showSimilarAnswerFrom &&
      (options.excludeCaseId === undefined || neighbour.entry.caseId !== options.excludeCaseId),
  );
  if (neighbours.length === 0) return [];
  const { neighbours: standing } = await questionBankEvidence(database, {
    neighbours,
    filters: { asOf: options.asOf },
  });
  return standing.slice(0, options.limit).map(({ entry, similarity }) => ({
    entryId: entry.id,
    origin: entry.origin,
    caseId: entry.caseId,
    source: entry.source,
    question: entry.question,
    answer: entry.answer,
    postedAt: entry.postedAt.toISOString(),
    similarity: Math.round(similarity * 1000) / 1000,
  }));
}
