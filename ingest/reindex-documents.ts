import type { Database } from '../db/database.ts';
import { insertChunks, type NewChunk } from './chunk-queries.ts';
import { finishIndex } from './finish-index.ts';
import { withIngestLock } from './ingest-lock.ts';
import { dropVectorIndexes, ensureVectorIndex, optimiseSearchIndexes } from './search-index.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { IngestProgress } from './ingest-sources.ts';
import { buildChunks } from './prepare-document.ts';

const BATCH_DOCUMENTS = 100;

/**
 * Rebuilds every document's chunks, terms and embeddings from the stored text with the configured embedder and the
 * current chunker. Each batch is replaced in one transaction, so an interrupted reindex leaves whole documents.
 */
export async function reindexDocuments(options: {
  database: Database;
  embedder: Embedder;
  onProgress?: (progress: IngestProgress) => void;
}): Promise<{ documents: number; chunks: number; seconds: number }> {
  return withIngestLock(options.database, () => reindexLocked(options));
}

async function reindexLocked(options: {
  database: Database;
  embedder: Embedder;
  onProgress?: (progress: IngestProgress) => void;
}): Promise<{ documents: number; chunks: number; seconds: number }> {
  const started = performance.now();
  const { database, embedder } = options;
  const ids = (await database.query<{ id: number }>('SELECT id FROM documents ORDER BY id')).map((row) =>
    Number(row.id),
  );
  await dropVectorIndexes(database);
  let chunkCount = 0;
  for (let start = 0; start < ids.length; start += BATCH_DOCUMENTS) {
    options.onProgress?.({ done: start, total: ids.length, chunks: chunkCount });
    const batch = ids.slice(start, start + BATCH_DOCUMENTS);
    const documents = await database.query<{ id: number; title: string; body: string }>(
      'SELECT id, title, body FROM documents WHERE id = ANY($1::bigint[])',
      [batch],
    );
    const chunks: NewChunk[] = [];
    for (const document of documents) {
      const built = await buildChunks({ body: document.body, title: document.title, embedder });
      for (const chunk of built) chunks.push({ ...chunk, documentId: Number(document.id) });
    }
    await database.transaction(async (transaction) => {
      await transaction.query('DELETE FROM chunks WHERE document_id = ANY($1::bigint[])', [batch]);
      await insertChunks(transaction, chunks);
    });
    chunkCount += chunks.length;
  }
  options.onProgress?.({ done: ids.length, total: ids.length, chunks: chunkCount, stage: 'indexing' });
  await finishIndex({ database, embedder });
  await ensureVectorIndex(database, embedder);
  await optimiseSearchIndexes(database);
  return { documents: ids.length, chunks: chunkCount, seconds: (performance.now() - started) / 1000 };
}
