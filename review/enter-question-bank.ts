import type { Queryable } from '../db/database.ts';
import { insertBankEntries, withdrawCaseEntries, type BankCitation } from '../ingest/question-bank-queries.ts';
import { findVersion } from './read-cases.ts';

/**
 * Puts a posted answer in the question bank, in the transaction that records its delivery: the question as received
 * (redacted), the text the public received, and the passages it cites by document, article and text (so later
 * questions worded like this one find them, and an amended article is noticed). A case answered again (a correction)
 * replaces its earlier entry. Returns the entry's id.
 */
export async function enterQuestionBank(
  transaction: Queryable,
  options: { caseId: number; approvalId: number; postedText: string; postedAt: Date },
): Promise<number | undefined> {
  const [approved] = await transaction.query<{ version: number; display_text: string }>(
    'SELECT a.version, c.display_text FROM approvals a JOIN cases c ON c.id = a.case_id WHERE a.id = $1',
    [options.approvalId],
  );
  if (!approved) return undefined;
  const version = await findVersion(transaction, options.caseId, approved.version);
  if (!version) return undefined;
  const cited = version.sources.filter((source) => version.text.includes(`[${source.number}]`));
  const chunks = await transaction.query<{
    id: string;
    source_uri: string;
    article_label: string | null;
    content: string;
  }>(
    `SELECT c.id, d.source_uri, c.article_label, c.content FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE c.id = ANY($1::bigint[])`,
    [cited.map((source) => source.chunkId)],
  );
  const byId = new Map(chunks.map((chunk) => [Number(chunk.id), chunk]));
  const citations: BankCitation[] = cited.map((source) => {
    const chunk = byId.get(source.chunkId);
    // The chunk id is only where to start: the bank keeps the document, article and text, which survive re-indexing.
    return chunk
      ? { sourceUri: chunk.source_uri, articleLabel: chunk.article_label, quote: chunk.content }
      : { sourceUri: source.sourceUri, articleLabel: null, quote: source.quote };
  });
  await withdrawCaseEntries(transaction, { caseId: options.caseId, reason: 'answered again', at: options.postedAt });
  const [id] = await insertBankEntries(transaction, [
    {
      origin: 'case',
      caseId: options.caseId,
      question: approved.display_text,
      answer: options.postedText,
      postedAt: options.postedAt,
      citations,
    },
  ]);
  return id;
}
