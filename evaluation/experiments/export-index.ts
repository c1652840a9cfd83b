// Exports a built index and a question set for offline retrieval experiments (evaluation/experiments/README.md):
//   node --import tsx evaluation/experiments/export-index.ts <data-dir> <corpus-dir> <questions.jsonl> <out-dir>
// Writes chunks.jsonl (id, document, index terms, text), queries.jsonl (question, weighted query terms, the keyword
// ranking's top 300, and for each gold reference the ids of every chunk that counts as that article).
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { migrate } from '../../db/migrate.ts';
import { openPgliteDatabase } from '../../db/pglite-database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { expandQuery } from '../../retrieval/expand-query.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import { loadEvalSet } from '../eval-set.ts';
import { matchesArticle } from '../retrieval-metrics.ts';

const [dataDirectory, corpusDirectory, setPath, outDirectory] = process.argv
  .slice(2)
  .map((argument) => resolve(argument));
if (!dataDirectory || !corpusDirectory || !setPath || !outDirectory) {
  console.error('usage: export-index.ts <data-dir> <corpus-dir> <questions.jsonl> <out-dir>');
  process.exit(2);
}
mkdirSync(outDirectory, { recursive: true });
const database = await openPgliteDatabase({ dataDirectory: join(dataDirectory, 'pglite') });
await migrate(database);
type Row = {
  id: number;
  document_id: number;
  title_terms: string;
  body_terms: string;
  article_label: string | null;
  content: string;
  title: string;
  heading_path: string;
  source_uri: string;
};
const rows = await database.query<Row>(
  `SELECT c.id, c.document_id, c.title_terms, c.body_terms, c.article_label, c.content, d.title, c.heading_path, d.source_uri
   FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.status = 'current' ORDER BY c.id`,
);
const chunks = createWriteStream(join(outDirectory, 'chunks.jsonl'));
for (const row of rows)
  chunks.write(
    `${JSON.stringify({ id: Number(row.id), document: Number(row.document_id), terms: `${row.title_terms} ${row.body_terms}`, text: `${row.title} ${row.heading_path} ${row.content}` })}\n`,
  );
chunks.end();
const byDocument = new Map<string, Row[]>();
for (const row of rows) {
  const doc = relative(corpusDirectory, row.source_uri);
  const rowsOfDocument = byDocument.get(doc);
  if (rowsOfDocument) rowsOfDocument.push(row);
  else byDocument.set(doc, [row]);
}
const embedder = new HashingEmbedder({ dimensions: 256 });
const queries = createWriteStream(join(outDirectory, 'queries.jsonl'));
for (const item of loadEvalSet(setPath)) {
  if (item.gold.length === 0) continue;
  const lexical = await hybridSearch({
    database,
    embedder,
    query: item.question,
    mode: 'lexical',
    limit: 300,
    candidates: 300,
  });
  const relevant = item.gold.map((gold) =>
    [gold.doc, ...(gold.alt_docs ?? [])]
      .flatMap((doc) => byDocument.get(doc) ?? [])
      .filter((row) =>
        matchesArticle(
          { doc: relative(corpusDirectory, row.source_uri), articleLabel: row.article_label, content: row.content },
          gold,
        ),
      )
      .map((row) => Number(row.id)),
  );
  queries.write(
    `${JSON.stringify({ id: item.id, question: item.question, terms: expandQuery(item.question).terms, lexical: lexical.map((result) => result.chunkId), relevant })}\n`,
  );
}
queries.end();
await Promise.all([chunks, queries].map((stream) => new Promise<void>((done) => stream.on('finish', () => done()))));
await database.close();
console.log(`${rows.length} chunks exported to ${outDirectory}`);
