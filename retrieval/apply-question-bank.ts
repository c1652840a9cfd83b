import type { QuestionBankSettings } from '../config/defaults.ts';
import type { Queryable } from '../db/database.ts';
import { fuseQuestionBank } from './fuse-question-bank.ts';
import type { RankedChunk } from './lexical-search.ts';
import { findSimilarQuestions } from './question-bank-index.ts';
import { questionBankEvidence } from './question-bank-evidence.ts';
import type { SearchFilters } from './search-filters.ts';

/** Finds the past questions like this one and fuses what their answers cited into the ranking (README, "Question bank"). */
export async function applyQuestionBank(
  database: Queryable,
  options: {
    query: string;
    fused: RankedChunk[];
    filters: SearchFilters;
    scale: number;
    settings: QuestionBankSettings;
    /** The bank's revision, when the caller read it already (hybridSearch's first statement). */
    revision?: string;
    /** Each fused candidate's document, when the caller has it (hybridSearch's second statement). */
    documentOf?: ReadonlyMap<number, number>;
  },
): Promise<{ fused: RankedChunk[]; bankChunkIds: Set<number> }> {
  const unchanged = { fused: options.fused, bankChunkIds: new Set<number>() };
  const neighbours = await findSimilarQuestions(database, {
    question: options.query,
    limit: options.settings.neighbours,
    halfLifeDays: options.settings.halfLifeDays,
    revision: options.revision,
    asOf: options.filters.asOf ? new Date(`${options.filters.asOf}T23:59:59+08:00`) : undefined,
  });
  if (neighbours.length === 0) return unchanged;
  const evidence = await questionBankEvidence(database, { neighbours, filters: options.filters });
  if (evidence.neighbours.length === 0) return unchanged;
  return {
    fused: fuseQuestionBank({
      fused: options.fused,
      evidence,
      documentOf:
        options.documentOf ??
        (await documentsOf(
          database,
          options.fused.map((result) => result.chunkId),
        )),
      settings: options.settings,
      scale: options.scale,
    }),
    bankChunkIds: new Set(evidence.chunks.keys()),
  };
}

async function documentsOf(database: Queryable, chunkIds: number[]): Promise<Map<number, number>> {
  if (chunkIds.length === 0) return new Map();
  const rows = await database.query<{ id: string; document_id: string }>(
    'SELECT id, document_id FROM chunks WHERE id = ANY($1::bigint[])',
    [chunkIds],
  );
  return new Map(rows.map((row) => [Number(row.id), Number(row.document_id)]));
}
