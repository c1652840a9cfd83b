// Pseudo-relevance feedback (Bo1) on the keyword side, measured in huiying's own pipeline (README.md in this folder):
//   node --import tsx evaluation/experiments/pseudo-relevance-feedback.ts <data-dir> <corpus-dir> <questions.jsonl>
// For each question: huiying's keyword search; the terms of its first k passages weighted by Bo1 (Amati's
// Bose-Einstein model: tf·log2((1+Pn)/Pn) + log2(1+Pn), Pn = the term's share of chunks); the m best terms not in the
// question added at λ times their normalised weight; the keyword search again with them. Prints article recall for
// the keyword search alone and with feedback, for each setting. Nothing here is used by huiying.
import { join, resolve } from 'node:path';
import { migrate } from '../../db/migrate.ts';
import { openPgliteDatabase } from '../../db/pglite-database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { expandQuery, type QueryTerm } from '../../retrieval/expand-query.ts';
import { lexicalSearch } from '../../retrieval/lexical-search.ts';
import { termStatistics } from '../../retrieval/term-statistics.ts';
import { passagesOf } from '../baselines/baselines.ts';
import { loadEvalSet } from '../eval-set.ts';
import { runRetrievalEval } from '../run-retrieval-eval.ts';

const [dataDirectory, corpusDirectory, setPath] = process.argv.slice(2).map((argument) => resolve(argument));
if (!dataDirectory || !corpusDirectory || !setPath) {
  console.error('usage: pseudo-relevance-feedback.ts <data-dir> <corpus-dir> <questions.jsonl>');
  process.exit(2);
}
const database = await openPgliteDatabase({ dataDirectory: join(dataDirectory, 'pglite') });
await migrate(database);
const embedder = new HashingEmbedder({ dimensions: 256 });
const items = loadEvalSet(setPath);
// Terms in more than this share of chunks are useless as feedback, as lexical search drops them too.
const MAX_SHARE = 0.15;

async function withFeedback(question: string, settings: { k: number; m: number; lambda: number }) {
  const { terms, pairs } = expandQuery(question);
  const first = await lexicalSearch(database, { terms, pairs, filters: {}, limit: 100 });
  if (settings.m === 0 || first.length === 0) return first;
  const rows = await database.query<{ terms: string }>(
    `SELECT title_terms || ' ' || body_terms AS terms FROM chunks WHERE id = ANY($1::bigint[])`,
    [first.slice(0, settings.k).map((result) => result.chunkId)],
  );
  const counts = new Map<string, number>();
  for (const row of rows)
    for (const term of row.terms.split(' ')) if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
  const known = new Set(terms.map((term) => term.term));
  const statistics = await termStatistics(database, [...counts.keys()]);
  const scored = [...counts]
    .filter(([term]) => !known.has(term))
    .map(([term, count]) => {
      const share = (statistics.documentFrequency.get(term) ?? 0) / statistics.chunks;
      return { term, share, weight: share > 0 ? count * Math.log2((1 + share) / share) + Math.log2(1 + share) : 0 };
    })
    .filter((entry) => entry.share > 0 && entry.share <= MAX_SHARE)
    .sort((left, right) => right.weight - left.weight)
    .slice(0, settings.m);
  const top = scored[0]?.weight ?? 1;
  const expanded: QueryTerm[] = [
    ...terms,
    ...scored.map((entry) => ({ term: entry.term, weight: (settings.lambda * entry.weight) / top })),
  ];
  return lexicalSearch(database, { terms: expanded, pairs, filters: {}, limit: 100 });
}

const settings = [
  { k: 10, m: 0, lambda: 0 },
  { k: 5, m: 5, lambda: 0.2 },
  { k: 10, m: 10, lambda: 0.3 },
  { k: 10, m: 10, lambda: 0.5 },
  { k: 20, m: 20, lambda: 0.3 },
];
for (const setting of settings) {
  const report = await runRetrievalEval({
    database,
    embedder,
    items,
    corpusDirectory,
    mode: 'lexical',
    retriever: {
      label: setting.m === 0 ? 'keyword' : `keyword + Bo1 k${setting.k} m${setting.m} λ${setting.lambda}`,
      retrieve: async (question) => passagesOf(database, await withFeedback(question, setting)),
    },
  });
  const groups = Object.entries(report.bySource)
    .map(([group, values]) => `${group} ${values.article['recall@10']} / ${values.article['recall@100']}`)
    .join('  ');
  console.log(
    `${report.mode}: R@1 ${report.article['recall@1']} R@10 ${report.article['recall@10']} R@100 ${report.article['recall@100']}  ${groups}  p50 ${report.latency.p50Ms} ms`,
  );
}
await database.close();
