import { resolve } from 'node:path';
import type { Database } from '../db/database.ts';
import { HuiyingError } from '../config/huiying-error.ts';
import { deleteBankEntries, insertBankEntries } from '../ingest/question-bank-queries.ts';
import type { EvalItem } from './eval-set.ts';

/**
 * Loads a history set into the question bank as if each answerable question had been answered and approved, citing
 * its gold passages (the evaluation's own stand-in for an office's posted answers). Earlier history is replaced. A
 * question also in the evaluated set, by id or by wording, is refused: it would be answered from its own gold.
 */
export async function loadHistoryBank(options: {
  database: Database;
  history: ReadonlyArray<EvalItem>;
  evaluated: ReadonlyArray<EvalItem>;
  corpusDirectory: string;
  /** When the answers count as posted (they do not decay during an evaluation). @default now */
  postedAt?: Date;
}): Promise<{ entries: number }> {
  refuseLeaks(options.history, options.evaluated);
  const postedAt = options.postedAt ?? new Date();
  const answered = options.history.filter((item) => item.gold.length > 0);
  return options.database.transaction(async (transaction) => {
    await deleteBankEntries(transaction, { origin: 'history' });
    const ids = await insertBankEntries(
      transaction,
      answered.map((item) => ({
        origin: 'history' as const,
        source: `history:${item.id}`,
        question: item.question,
        answer: item.reference_answer ?? item.gold.map((gold) => gold.quote).join('\n'),
        postedAt,
        citations: item.gold.map((gold) => ({
          sourceUri: resolve(options.corpusDirectory, gold.doc),
          articleLabel: gold.article ?? null,
          quote: gold.quote,
        })),
      })),
    );
    return { entries: ids.length };
  });
}

/** Removes an evaluation's history from the bank, so the index is left as it was found. */
export async function clearHistoryBank(database: Database): Promise<void> {
  await database.transaction((transaction) => deleteBankEntries(transaction, { origin: 'history' }));
}

const normalised = (question: string) => question.replace(/[\s\p{P}]/gu, '');

function refuseLeaks(history: ReadonlyArray<EvalItem>, evaluated: ReadonlyArray<EvalItem>): void {
  const ids = new Set(history.map((item) => item.id));
  const questions = new Map(history.map((item) => [normalised(item.question), item.id]));
  for (const item of evaluated) {
    const twin = ids.has(item.id) ? item.id : questions.get(normalised(item.question));
    if (twin === undefined) continue;
    throw new HuiyingError({
      code: 'eval-history-leak',
      message: `Question ${item.id} ("${item.question}") is in the evaluated set and in the history (as ${twin}); it would be answered from its own gold. Remove it from one of the two files.`,
      details: { id: item.id, historyId: twin },
    });
  }
}
