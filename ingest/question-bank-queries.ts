import type { Queryable } from '../db/database.ts';

/** What an approved answer cited: a document (by its source) and, when it has articles, the article and its text. */
export type BankCitation = {
  sourceUri: string;
  articleLabel: string | null;
  /** The cited text as it stood when the answer was approved; empty to cite the whole document. */
  quote: string;
};

export type BankOrigin = 'case' | 'import' | 'history';

export type NewBankEntry = {
  origin: BankOrigin;
  caseId?: number;
  /** For imports and history: the file and line the entry came from. */
  source?: string;
  /** The question as received, personal data redacted. */
  question: string;
  answer: string;
  postedAt: Date;
  citations: ReadonlyArray<BankCitation>;
};

export type BankEntry = Omit<NewBankEntry, 'caseId' | 'source'> & {
  id: number;
  caseId: number | null;
  source: string | null;
};

const REVISION_KEY = 'question_bank_revision';

/** Adds approved answers to the bank, in the caller's transaction, and returns their ids. */
export async function insertBankEntries(
  transaction: Queryable,
  entries: ReadonlyArray<NewBankEntry>,
): Promise<number[]> {
  const ids: number[] = [];
  for (const entry of entries) {
    const [row] = await transaction.query<{ id: string }>(
      `INSERT INTO question_bank (origin, case_id, source, question, answer, posted_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        entry.origin,
        entry.caseId ?? null,
        entry.source ?? null,
        entry.question,
        entry.answer,
        entry.postedAt.toISOString(),
      ],
    );
    const id = Number(row!.id);
    ids.push(id);
    if (entry.citations.length > 0)
      await transaction.query(
        `INSERT INTO question_bank_citations (entry_id, source_uri, article_label, quote)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
        [
          id,
          entry.citations.map((citation) => citation.sourceUri),
          entry.citations.map((citation) => citation.articleLabel),
          entry.citations.map((citation) => citation.quote),
        ],
      );
  }
  if (entries.length > 0) await bumpRevision(transaction);
  return ids;
}

/** Takes a case's posted answers out of the bank (withdrawn or being corrected); returns how many were active. */
export async function withdrawCaseEntries(
  transaction: Queryable,
  options: { caseId: number; reason: string; at: Date },
): Promise<number> {
  const rows = await transaction.query(
    `UPDATE question_bank SET status = 'withdrawn', withdrawn_at = $2, withdrawn_reason = $3
     WHERE case_id = $1 AND status = 'active' RETURNING id`,
    [options.caseId, options.at.toISOString(), options.reason],
  );
  if (rows.length > 0) await bumpRevision(transaction);
  return rows.length;
}

/** Deletes the entries of one origin (and source, when given): an imported file being replaced, an evaluation's history. */
export async function deleteBankEntries(
  transaction: Queryable,
  options: { origin: Exclude<BankOrigin, 'case'>; sourcePrefix?: string },
): Promise<number> {
  const rows = await transaction.query(
    `DELETE FROM question_bank WHERE origin = $1 AND ($2::text IS NULL OR starts_with(source, $2)) RETURNING id`,
    [options.origin, options.sourcePrefix ?? null],
  );
  if (rows.length > 0) await bumpRevision(transaction);
  return rows.length;
}

/** Every active entry with its citations (in the order the answer gave them), oldest first. */
export async function loadActiveBankEntries(database: Queryable): Promise<BankEntry[]> {
  return selectActiveEntries(database, { id: null });
}

/** One active entry with its citations, or undefined when it is withdrawn or was never there. */
export async function findBankEntry(database: Queryable, id: number): Promise<BankEntry | undefined> {
  return (await selectActiveEntries(database, { id }))[0];
}

async function selectActiveEntries(database: Queryable, options: { id: number | null }): Promise<BankEntry[]> {
  const rows = await database.query<{
    id: string;
    origin: BankOrigin;
    case_id: string | null;
    source: string | null;
    question: string;
    answer: string;
    posted_at: string;
    citations: Array<{ source_uri: string; article_label: string | null; quote: string }> | null;
  }>(
    `SELECT b.id, b.origin, b.case_id, b.source, b.question, b.answer, b.posted_at,
            (SELECT json_agg(json_build_object('source_uri', c.source_uri, 'article_label', c.article_label, 'quote', c.quote) ORDER BY c.position)
             FROM question_bank_citations c WHERE c.entry_id = b.id) AS citations
     FROM question_bank b WHERE b.status = 'active' AND ($1::bigint IS NULL OR b.id = $1::bigint) ORDER BY b.id`,
    [options.id],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    origin: row.origin,
    caseId: row.case_id === null ? null : Number(row.case_id),
    source: row.source,
    question: row.question,
    answer: row.answer,
    postedAt: new Date(row.posted_at),
    citations: (row.citations ?? []).map((citation) => ({
      sourceUri: citation.source_uri,
      articleLabel: citation.article_label,
      quote: citation.quote,
    })),
  }));
}

/** Changes whenever the bank does, so a process can tell whether what it holds in memory is still the bank. */
export async function bankRevision(database: Queryable): Promise<string> {
  const [row] = await database.query<{ value: string }>('SELECT value FROM index_settings WHERE key = $1', [
    REVISION_KEY,
  ]);
  return row?.value ?? '0';
}

async function bumpRevision(transaction: Queryable): Promise<void> {
  await transaction.query(
    `INSERT INTO index_settings (key, value) VALUES ($1, '1')
     ON CONFLICT (key) DO UPDATE SET value = (index_settings.value::bigint + 1)::text`,
    [REVISION_KEY],
  );
}
