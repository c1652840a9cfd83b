import { DEFAULTS } from '../config/defaults.ts';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { hybridSearch } from './hybrid-search.ts';

/**
 * Up to `count` short queries made from the corpus itself: the opening words of evenly spaced passages (an article's
 * label left out). Used to warm the index and, without a question set, as the bench's questions (`offset` picks
 * other passages than the warm-up's).
 */
export async function sampleQueries(
  database: Database,
  count: number,
  options: { offset?: number } = {},
): Promise<string[]> {
  if (count < 1) return [];
  const rows = await database.query<{ content: string }>(
    `SELECT content FROM chunks WHERE id % GREATEST(1, (SELECT count(*) FROM chunks) / $1) = $2 % GREATEST(1, (SELECT count(*) FROM chunks) / $1) ORDER BY id LIMIT $1`,
    [count, options.offset ?? 0],
  );
  return rows.map((row) => row.content.replace(/^第[^条]{1,8}条\s*/, '').slice(0, 24));
}

/**
 * Runs searches made from the corpus so that the pages every search reads (the keyword index, the lexicon, the upper
 * layers of the vector index, the documents table) are in the database's buffers before the public's questions come.
 * A process that has just opened a large index answers its first few hundred searches slower: on the 89k-passage
 * corpus, p95 33 ms for the first 300 dev questions against 25 ms once 100 such searches had run (README, "Measured").
 * Stops early, between two searches, when `shouldStop` says so.
 */
export async function warmUpSearch(options: {
  database: Database;
  embedder: Embedder;
  queries?: number;
  shouldStop?: () => boolean;
}): Promise<{ queries: number; milliseconds: number }> {
  const started = performance.now();
  let done = 0;
  for (const query of await sampleQueries(options.database, options.queries ?? DEFAULTS.warmUpSearches)) {
    if (options.shouldStop?.()) break;
    await hybridSearch({ database: options.database, embedder: options.embedder, query });
    done += 1;
  }
  return { queries: done, milliseconds: Math.round(performance.now() - started) };
}
