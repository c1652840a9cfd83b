import type { Database } from '../db/database.ts';
import { retryWhileUnavailable } from '../db/retry-while-unavailable.ts';
import { finishIndex, indexFinishOwed } from './finish-index.ts';
import { withIngestLock } from './ingest-lock.ts';
import {
  fillMissingRegions,
  loadStoredSources,
  restoreDocument,
  withdrawDocuments,
  type StoredSource,
} from './document-queries.ts';
import { assertEmbedderMatches, ensureVectorIndex, optimiseSearchIndexes } from './search-index.ts';
import type { Embedder } from '../embed/embedder.ts';
import { describeError, HuiyingError, isHuiyingError } from '../config/huiying-error.ts';
import { extractRegion } from './extract-region.ts';
import { discoverSources, type Source, type SourceProblem } from './discover-sources.ts';
import { systemClock, type Clock } from '../config/clock.ts';
import { ingestLimits } from './ingest-limits.ts';
import { commandLineActor, recordIngestRun } from './record-ingest-run.ts';
import { contentHash, prepareDocument, type PreparedDocument } from './prepare-document.ts';
import { readSource } from './read-source.ts';
import { readSidecarFor } from './sidecar.ts';
import type { IngestSummary } from './ingest-summary.ts';
import { writeBatch } from './write-batch.ts';

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
  /** Who runs it, for the audit entry every run writes (`cli:<user>`, or `console:<account>`). @default cli:<os user> */
  actor?: string;
  /** @default the system clock */
  clock?: Clock;
};

export type { IngestSummary } from './ingest-summary.ts';

// Documents are written in batches of about this many chunks: one transaction and one bulk insert per batch.
const BATCH_CHUNKS = 4000;

/**
 * Ingests files, folders and URLs: skips unchanged sources, versions changed ones, reports bad ones and goes on.
 * Every run, finished or stopped, writes a `sources-ingested` audit entry with who ran it and what it changed. One
 * ingest at a time per database: a second is refused before it writes any document (withIngestLock).
 */
export async function ingestSources(options: IngestOptions): Promise<IngestSummary> {
  const summary: IngestSummary = {
    scanned: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    restored: 0,
    withdrawn: 0,
    superseded: 0,
    chunks: 0,
    failed: [],
    seconds: 0,
    phases: { prepareSeconds: 0, writeSeconds: 0, finishSeconds: 0 },
    questionBanks: [],
  };
  const recordRun = (stoppedBy?: string) =>
    recordIngestRun(options.database, {
      actor: options.actor ?? commandLineActor(),
      occurredAt: (options.clock ?? systemClock).now(),
      inputs: options.inputs,
      counts: {
        scanned: summary.scanned,
        added: summary.added,
        updated: summary.updated,
        unchanged: summary.unchanged,
        restored: summary.restored,
        withdrawn: summary.withdrawn,
        superseded: summary.superseded,
        chunks: summary.chunks,
      },
      failed: summary.failed,
      options: { prune: options.prune === true, strict: options.strict === true },
      stoppedBy,
    });
  try {
    await withIngestLock(options.database, (lock) => runIngest(options, summary, lock));
  } catch (error) {
    // What was written before the stop stays written, so the stop is on record too (unless the database is what failed).
    await recordRun(describeError(error)).catch(() => undefined);
    throw error;
  }
  await recordRun();
  return summary;
}

async function runIngest(
  options: IngestOptions,
  summary: IngestSummary,
  lock: { stillHeld(): Promise<void> },
): Promise<void> {
  const started = performance.now();
  const { database, embedder } = options;
  await assertEmbedderMatches(database, embedder);
  const { sources, problems, roots, questionBanks } = discoverSources(options.inputs);
  summary.scanned = sources.length;
  for (const problem of problems) summary.failed.push(problem);
  for (const bank of questionBanks) summary.questionBanks.push(bank);
  if (options.strict && problems.length > 0) {
    const [first] = problems;
    throw new HuiyingError({
      code: first!.code,
      message: `${first!.source}: ${first!.reason}. Fix or remove it, or run without --strict to skip it.`,
    });
  }
  const stored = await loadStoredSources(database);
  const limits = ingestLimits(options.maxFileBytes);
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
        maxBytes: limits.maxFileBytes,
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
      const prepared = await prepareDocument({ sourceUri: source.uri, bytes, format, sidecar, hash, embedder, limits });
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
  // Regions are filled before the finish step: filling writes documents, which moves the content generation on, and
  // the statistics the planner needs for the jurisdiction filter are refreshed by the optimise step (search-index.ts).
  const filled = await retryWhileUnavailable(() => fillMissingRegions(database, extractRegion));
  const owed = changed || filled > 0 || (await retryWhileUnavailable(() => indexFinishOwed(database)));
  if (owed) summary.superseded = (await retryWhileUnavailable(() => finishIndex({ database, embedder }))).superseded;
  const { built } = await retryWhileUnavailable(() => ensureVectorIndex(database, embedder));
  if (owed || built) await retryWhileUnavailable(() => optimiseSearchIndexes(database));
  summary.phases.finishSeconds = (performance.now() - finishStarted) / 1000;
  summary.seconds = (performance.now() - started) / 1000;
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
