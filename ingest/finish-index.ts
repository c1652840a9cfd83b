import type { Database, Queryable } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { applyEditionSupersession, linkInterpretations } from './document-queries.ts';
import { rebuildLexicon, recordEmbedder } from './search-index.ts';

/**
 * Whether the finish step is owed: documents or chunks were written since it last completed (a trigger moves
 * `content_generation` on with every such statement, migration 0006), or what it makes is missing (no lexicon for
 * current chunks, no embedder record). One round trip; true after a crash between the last batch and the finish.
 */
export async function indexFinishOwed(database: Queryable): Promise<boolean> {
  const [row] = await database.query<{ content: string | null; finished: string | null; missing: boolean }>(
    `SELECT (SELECT value FROM index_settings WHERE key = 'content_generation') AS content,
            (SELECT value FROM index_settings WHERE key = 'finished_generation') AS finished,
            EXISTS (SELECT 1 FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.status = 'current')
              AND (NOT EXISTS (SELECT 1 FROM lexicon) OR NOT EXISTS (SELECT 1 FROM index_settings WHERE key = 'embedder')) AS missing`,
  );
  return row!.content !== row!.finished || row!.missing;
}

/**
 * What search derives from the stored documents, made again from them: editions superseded by newer ones,
 * interpretations linked to their policies, the lexicon, the embedder's record; then the generation it is good for.
 * Idempotent: running it twice, or again after it was interrupted, gives the same index.
 */
export async function finishIndex(options: {
  database: Database;
  embedder: Pick<Embedder, 'id'>;
}): Promise<{ superseded: number }> {
  const { database } = options;
  const { superseded } = await applyEditionSupersession(database);
  await linkInterpretations(database);
  // Read after this step's own writes to documents, which move the generation on too.
  const [generation] = await database.query<{ value: string }>(
    `SELECT value FROM index_settings WHERE key = 'content_generation'`,
  );
  await rebuildLexicon(database);
  await recordEmbedder(database, options.embedder);
  await database.query(
    `INSERT INTO index_settings (key, value) VALUES ('finished_generation', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [generation?.value ?? '0'],
  );
  return { superseded };
}
