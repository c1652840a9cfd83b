import type { QuestionBankSettings } from '../config/defaults.ts';
import type { Queryable } from '../db/database.ts';
import { fuseQuestionBank } from './fuse-question-bank.ts';
import type { RankedChunk } from './lexical-search.ts';
import { cachedSimilarQuestions, findSimilarQuestions, type BankNeighbour } from './question-bank-index.ts';
import {
  citedChunksExpression,
  citedRowsOf,
  evidenceFrom,
  neighbourCitations,
  questionBankEvidence,
  type BankEvidence,
} from './question-bank-evidence.ts';
import type { SearchFilters } from './search-filters.ts';
import type { StatementParameters } from './statement-parameters.ts';

/**
 * The question bank's part of one hybrid search (README, "Question bank"), planned so that it sends no statement of
 * its own: the past questions like this one are found, before the search's first statement, in the index this process
 * holds; that statement reads the bank's revision and what their answers cited (`expression`), and the second reads
 * the cited passages with the others.
 */
export type QuestionBankPlan = {
  query: string;
  filters: SearchFilters;
  settings: QuestionBankSettings;
  asOf?: Date;
  /** The neighbours found in the index held, and the bank revision it was built from; none before the first search. */
  cached?: { revision: string; neighbours: BankNeighbour[] };
};

export function planQuestionBank(
  database: Queryable,
  options: { query: string; filters: SearchFilters; settings: QuestionBankSettings },
): QuestionBankPlan {
  const asOf = options.filters.asOf ? new Date(`${options.filters.asOf}T23:59:59+08:00`) : undefined;
  const cached = cachedSimilarQuestions(database, {
    question: options.query,
    limit: options.settings.neighbours,
    halfLifeDays: options.settings.halfLifeDays,
    asOf,
  });
  return { ...options, asOf, cached };
}

/** A JSON expression for the first statement: the rows questionBankEvidence would read for the cached neighbours. */
export function questionBankExpression(parameters: StatementParameters, plan: QuestionBankPlan): string {
  return citedChunksExpression(parameters, neighbourCitations(plan.cached?.neighbours ?? []), plan.filters);
}

/**
 * What the neighbours' answers say, once the first statement has read the bank's revision and `cited` (the rows of
 * questionBankExpression). When the index held was built from that revision, nothing more is read. When it was not
 * (the first search on this handle, or another process or request changed the bank since), the index is rebuilt and
 * the neighbours' citations read again: up to two more statements, for this one search.
 */
export async function questionBankEvidenceOf(
  database: Queryable,
  plan: QuestionBankPlan,
  read: { revision: string; cited: ReadonlyArray<[number, number | null, number, string, boolean]> },
): Promise<BankEvidence | undefined> {
  if (plan.cached?.revision === read.revision)
    return plan.cached.neighbours.length === 0
      ? undefined
      : evidenceFrom(plan.cached.neighbours, citedRowsOf(read.cited));
  const neighbours = await findSimilarQuestions(database, {
    question: plan.query,
    limit: plan.settings.neighbours,
    halfLifeDays: plan.settings.halfLifeDays,
    revision: read.revision,
    asOf: plan.asOf,
  });
  return neighbours.length === 0 ? undefined : questionBankEvidence(database, { neighbours, filters: plan.filters });
}

/** Fuses what the neighbours' answers cited into the ranking; unchanged when none of their answers still stands. */
export function applyQuestionBank(options: {
  fused: RankedChunk[];
  evidence: BankEvidence | undefined;
  /** Each fused candidate's document. */
  documentOf: ReadonlyMap<number, number>;
  scale: number;
  settings: QuestionBankSettings;
}): { fused: RankedChunk[]; bankChunkIds: Set<number> } {
  const { evidence } = options;
  if (!evidence || evidence.neighbours.length === 0) return { fused: options.fused, bankChunkIds: new Set() };
  return {
    fused: fuseQuestionBank({
      fused: options.fused,
      evidence,
      documentOf: options.documentOf,
      settings: options.settings,
      scale: options.scale,
    }),
    bankChunkIds: new Set(evidence.chunks.keys()),
  };
}
