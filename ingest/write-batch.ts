import { isConnectionFailure } from '../db/connection-outage.ts';
import type { Database } from '../db/database.ts';
import { describeError } from '../config/huiying-error.ts';
import { insertChunks, type NewChunk } from './chunk-queries.ts';
import { insertDocument, loadStoredSources, supersedeDocument, type StoredSource } from './document-queries.ts';
import type { IngestSummary } from './ingest-summary.ts';
import type { PreparedDocument } from './prepare-document.ts';

/**
 * Writes a batch of prepared documents and their chunks in one transaction (one bulk insert); if it fails, each
 * document is written on its own, so one bad document costs only itself. Counts what was written in `summary`.
 */
export async function writeBatch(options: {
  database: Database;
  batch: PreparedDocument[];
  stored: Map<string, StoredSource>;
  summary: IngestSummary;
  strict?: boolean;
  /** The last attempt lost its connection to the server. */
  retry?: boolean;
}): Promise<void> {
  const { database, stored, summary } = options;
  let { batch } = options;
  if (options.retry) batch = await leaveOutWritten({ database, batch, stored, summary });
  if (batch.length === 0) return;
  try {
    const ids = await database.transaction(async (transaction) => {
      const written: number[] = [];
      const chunks: NewChunk[] = [];
      for (const document of batch) {
        const id = await writeDocument(transaction, document, stored.get(document.sourceUri));
        written.push(id);
        for (const chunk of document.chunks) chunks.push({ ...chunk, documentId: id });
      }
      await insertChunks(transaction, chunks);
      return written;
    });
    batch.forEach((document, index) => record(summary, stored, document, ids[index]!));
  } catch (error) {
    // A lost connection is no document's fault: the caller waits for the server and writes the batch again.
    if (isConnectionFailure(error)) throw error;
    if (options.strict || batch.length === 1) {
      if (options.strict) throw error;
      summary.failed.push({ source: batch[0]!.sourceUri, code: 'database-write-failed', reason: describeError(error) });
      return;
    }
    // One bad document must not cost the batch: write each on its own to find it.
    for (const document of batch) await writeBatch({ ...options, batch: [document] });
  }
}

// A batch whose COMMIT lost its connection may have been kept: documents stored meanwhile are counted, not written twice.
async function leaveOutWritten(options: {
  database: Database;
  batch: PreparedDocument[];
  stored: Map<string, StoredSource>;
  summary: IngestSummary;
}): Promise<PreparedDocument[]> {
  const now = await loadStoredSources(options.database);
  return options.batch.filter((document) => {
    const found = now.get(document.sourceUri);
    const before = options.stored.get(document.sourceUri);
    if (!found || found.contentHash !== document.contentHash || found.version === before?.version) return true;
    record(options.summary, options.stored, document, found.id);
    return false;
  });
}

async function writeDocument(
  transaction: Parameters<Parameters<Database['transaction']>[0]>[0],
  document: PreparedDocument,
  previous: StoredSource | undefined,
): Promise<number> {
  const id = await insertDocument(transaction, { ...document, version: (previous?.version ?? 0) + 1 });
  if (previous && previous.status !== 'superseded')
    await supersedeDocument(transaction, { oldId: previous.id, newId: id });
  return id;
}

function record(
  summary: IngestSummary,
  stored: Map<string, StoredSource>,
  document: PreparedDocument,
  id: number,
): void {
  const previous = stored.get(document.sourceUri);
  if (previous) summary.updated += 1;
  else summary.added += 1;
  summary.chunks += document.chunks.length;
  stored.set(document.sourceUri, {
    id,
    version: (previous?.version ?? 0) + 1,
    contentHash: document.contentHash,
    status: 'current',
  });
}
