import { DEFAULTS } from '../config/defaults.ts';
import { isConnectionFailure } from '../db/connection-outage.ts';
import type { Database } from '../db/database.ts';
import { retryWhileUnavailable } from '../db/retry-while-unavailable.ts';
import { insertChunks } from './chunk-queries.ts';
import { finishIndex, indexFinishOwed } from './finish-index.ts';
import { withIngestLock } from './ingest-lock.ts';
import {
  insertDocument,
  loadStoredSources,
  restoreDocument,
  supersedeDocument,
  withdrawDocuments,
  type StoredSource,
} from './document-queries.ts';
import { assertEmbedderMatches, ensureVectorIndex, optimiseSearchIndexes } from './search-index.ts';
import type { Embedder } from '../embed/embedder.ts';
import { describeError, HuiyingError, isHuiyingError } from '../config/huiying-error.ts';
import { discoverSources, type Source, type SourceProblem } from './discover-sources.ts';
import { contentHash, prepareDocument, type PreparedDocument } from './prepare-document.ts';
import { readSource } from './read-source.ts';
import { readSidecarFor } from './sidecar.ts';

/** Progress of a long ingest; `stage` is 'indexing' while the search indexes are being rebuilt after the files. */
export type IngestProgress = { done: number; total: number; chunks: number; current?: string; stage?: 'indexing' };

export type IngestOptions = {
  database: Database;
  embedder: Embedder;
  inputs: ReadonlyArray<string>;
  maxFileBytes?: number;
  /** Mark current documents under the given folders withdrawn when their file is gone. */
  prune?: boolean;
  /** Stop at the first failure instead of reporting it and going on. */
  strict?: boolean;
  fetch?: typeof globalThis.fetch;
  onProgress?: (progress: IngestProgress) => void;
};

export type IngestSummary = {
  scanned: number;
  added: number;
  updated: number;
  unchanged: number;
  restored: number;
  withdrawn: number;
  superseded: number;
  chunks: number;
  failed: SourceProblem[];
  seconds: number;
  /** Where the time went: reading and preparing (parse, chunk, embed), writing, and index upkeep afterwards. */
  phases: { prepareSeconds: number; writeSeconds: number; finishSeconds: number };
  /** .jsonl and .csv files found: question banks, for the question bank's importer (not indexed as documents). */
  questionBanks: string[];
};

// Documents are written in batches of about this many chunks: one transaction and one bulk insert per batch.
const BATCH_CHUNKS = 4000;

/**
 * Ingests files, folders and URLs: skips unchanged sources, versions changed ones, reports bad ones and goes on. One
 * ingest at a time per database: a second is refused before it writes anything (withIngestLock).
 */
export async function ingestSources(options: IngestOptions): Promise<IngestSummary> {
  return withIngestLock(options.database, (lock) => ingestLocked(options, lock));
}

async function ingestLocked(options: IngestOptions, lock: { stillHeld(): Promise<void> }): Promise<IngestSummary> {
  const started = performance.now();
  const { database, embedder } = options;
  await assertEmbedderMatches(database, embedder);
  const { sources, problems, roots, questionBanks } = discoverSources(options.inputs);
  if (options.strict && problems.length > 0) {
    const [first] = problems;
    throw new HuiyingError({
      code: first!.code,
      message: `${first!.source}: ${first!.reason}. Fix or remove it, or run without --strict to skip it.`,
    });
  }
  const stored = await loadStoredSources(database);
  const summary: IngestSummary = {
    scanned: sources.length,
    added: 0,
    updated: 0,
    unchanged: 0,
    restored: 0,
    withdrawn: 0,
    superseded: 0,
    chunks: 0,
    failed: [...problems],
    seconds: 0,
    phases: { prepareSeconds: 0, writeSeconds: 0, finishSeconds: 0 },
    questionBanks,
  };
  const manifests = new Map<string, Map<string, unknown>>();
  let batch: PreparedDocument[] = [];
  let batchChunks = 0;
  const flush = async () => {
    const writeStarted = performance.now();
    // A server restart in the middle waits and writes the batch again; see writeBatch for what a retry checks first.
    await retryWhileUnavailable(async ({ retry }) => {
      await lock.stillHeld();
      await writeBatch({ database, batch, stored, summary, strict: options.strict, retry });
    });
    batch = [];
    batchChunks = 0;
    summary.phases.writeSeconds += (performance.now() - writeStarted) / 1000;
  };

  for (const [index, source] of sources.entries()) {
    options.onProgress?.({ done: index, total: sources.length, chunks: summary.chunks, current: source.uri });
    try {
      const sidecar =
        source.kind === 'file' ? readSidecarFor({ path: source.path, root: source.root, manifests }) : undefined;
      const { bytes, format } = await readSource(source, {
        maxBytes: options.maxFileBytes ?? DEFAULTS.maxFileMegabytes * 1024 * 1024,
        fetch: options.fetch,
      });
      const hash = contentHash(bytes, sidecar);
      const previous = stored.get(source.uri);
      if (previous?.contentHash === hash) {
        if (previous.status === 'withdrawn') {
          await restoreDocument(database, previous.id);
          summary.restored += 1;
        } else summary.unchanged += 1;
        continue;
      }
      const prepared = await prepareDocument({ sourceUri: source.uri, bytes, format, sidecar, hash, embedder });
      batch.push(prepared);
      batchChunks += prepared.chunks.length;
      if (batchChunks >= BATCH_CHUNKS) await flush();
    } catch (error) {
      if (options.strict) throw error;
      summary.failed.push(problemFor(source, error));
    }
  }
  await flush();
  const finishStarted = performance.now();
  summary.phases.prepareSeconds = (finishStarted - started) / 1000 - summary.phases.writeSeconds;
  options.onProgress?.({ done: sources.length, total: sources.length, chunks: summary.chunks, stage: 'indexing' });

  if (options.prune)
    summary.withdrawn = await pruneMissing({
      database,
      roots,
      seen: new Set(sources.map((source) => source.uri)),
      stored,
    });
  // Owed when this run changed something, and also when an earlier run stopped before finishing (a crash after its
  // last batch): every step is idempotent, and waits out a server restart.
  await retryWhileUnavailable(() => lock.stillHeld());
  const changed = summary.added + summary.updated + summary.withdrawn + summary.restored > 0;
  const owed = changed || (await retryWhileUnavailable(() => indexFinishOwed(database)));
  if (owed) summary.superseded = (await retryWhileUnavailable(() => finishIndex({ database, embedder }))).superseded;
  const { built } = await retryWhileUnavailable(() => ensureVectorIndex(database, embedder));
  if (owed || built) await retryWhileUnavailable(() => optimiseSearchIndexes(database));
  summary.phases.finishSeconds = (performance.now() - finishStarted) / 1000;
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

async function writeBatch(options: {
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
      const chunks = [];
      for (const document of batch) {
        const id = await writeDocument(transaction, document, stored.get(document.sourceUri));
        written.push(id);
        chunks.push(...document.chunks.map((chunk) => ({ ...chunk, documentId: id })));
      }
      await insertChunks(transaction, chunks);
      return written;
    });
    batch.forEach((document, index) => record(summary, stored, document, ids[index]!));
  } catch (error) {
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

async function pruneMissing(options: {
  database: Database;
  roots: string[];
  seen: Set<string>;
  stored: Map<string, StoredSource>;
}): Promise<number> {
  const missing = [...options.stored.entries()]
    .filter(
      ([uri, source]) =>
        source.status === 'current' &&
        !options.seen.has(uri) &&
        options.roots.some((root) => uri === root || uri.startsWith(`${root}/`)),
    )
    .map(([, source]) => source.id);
  await withdrawDocuments(options.database, missing);
  return missing.length;
}

function problemFor(source: Source, error: unknown): SourceProblem {
  return {
    source: source.uri,
    code: isHuiyingError(error) ? error.code : 'source-corrupt',
    reason: describeError(error),
  };
}
