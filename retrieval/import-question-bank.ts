import { dirname, resolve } from 'node:path';
import type { Database, Queryable } from '../db/database.ts';
import {
  deleteBankEntries,
  insertBankEntries,
  type BankCitation,
  type NewBankEntry,
} from '../ingest/question-bank-queries.ts';
import { readQuestionBankFile } from '../ingest/read-question-bank-file.ts';
import { findArticleReferences, resolveArticleReferences } from './article-reference.ts';

export type QuestionBankImport = {
  file: string;
  imported: number;
  /** Rows left out, and cites that name nothing in the index (the row is kept without them), by line. */
  problems: Array<{ line: number; reason: string }>;
};

/**
 * Imports an office's existing FAQ or Q&A bank into the question bank, as approved answers. Each cite is resolved
 * now to a current document (《title》第X条 to that article's text, 《title》 or a path to the whole document), and
 * stored by document, article and text, so the entry keeps matching after re-ingest and is dropped if the article
 * changes. Importing the same file again replaces its entries. Ingest the documents first.
 */
export async function importQuestionBank(
  database: Database,
  options: { path: string; maxBytes: number; now?: Date },
): Promise<QuestionBankImport> {
  const path = resolve(options.path);
  const file = readQuestionBankFile(path, { maxBytes: options.maxBytes });
  const problems = [...file.problems];
  const entries: NewBankEntry[] = [];
  for (const row of file.rows) {
    const citations: BankCitation[] = [];
    for (const cite of row.cites) {
      const resolved = await resolveCite(database, cite, dirname(path));
      if (resolved.length === 0)
        problems.push({ line: row.line, reason: `"${cite}" names no current document in the index; kept without it` });
      for (const citation of resolved) citations.push(citation);
    }
    entries.push({
      origin: 'import' as const,
      source: `${path}#${row.line}`,
      question: row.question,
      answer: row.answer,
      postedAt: row.postedAt ? new Date(`${row.postedAt}T12:00:00+08:00`) : (options.now ?? new Date()),
      citations,
    });
  }
  const imported = await database.transaction(async (transaction) => {
    await deleteBankEntries(transaction, { origin: 'import', sourcePrefix: `${path}#` });
    return (await insertBankEntries(transaction, entries)).length;
  });
  return { file: path, imported, problems: problems.sort((left, right) => left.line - right.line) };
}

async function resolveCite(database: Queryable, cite: string, folder: string): Promise<BankCitation[]> {
  const references = findArticleReferences(cite).filter((reference) => reference.lawName);
  if (references.length > 0) {
    const chunkIds = await resolveArticleReferences(database, { references, filters: {}, contextDocumentIds: [] });
    return articleCitations(database, chunkIds);
  }
  const title = /《([^》]+)》/.exec(cite)?.[1];
  const rows = title
    ? await database.query<{ source_uri: string }>(
        `SELECT source_uri FROM documents WHERE status = 'current' AND (title = $1 OR title = $2)
         ORDER BY published_date DESC NULLS LAST LIMIT 1`,
        [title, `《${title}》`],
      )
    : await database.query<{ source_uri: string }>(
        `SELECT source_uri FROM documents WHERE status = 'current' AND source_uri = $1`,
        [resolve(folder, cite)],
      );
  return rows.map((row) => ({ sourceUri: row.source_uri, articleLabel: null, quote: '' }));
}

// One citation per article, its text the article's chunks in order (as the evidence check reads it back), from the
// best-matching document only (the references resolve to it first).
async function articleCitations(database: Queryable, chunkIds: number[]): Promise<BankCitation[]> {
  if (chunkIds.length === 0) return [];
  const rows = await database.query<{ source_uri: string; article_label: string | null; content: string }>(
    `SELECT d.source_uri, c.article_label, c.content FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE c.id = ANY($1::bigint[]) AND c.document_id = (SELECT document_id FROM chunks WHERE id = $2)
     ORDER BY c.ordinal`,
    [chunkIds, chunkIds[0]],
  );
  const byArticle = new Map<string, BankCitation>();
  for (const row of rows) {
    const key = `${row.source_uri}\u0000${row.article_label}`;
    const known = byArticle.get(key);
    if (known) known.quote += row.content;
    else byArticle.set(key, { sourceUri: row.source_uri, articleLabel: row.article_label, quote: row.content });
  }
  return [...byArticle.values()];
}
