import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { HuiyingError } from '../config/huiying-error.ts';
import { ingestSources, type IngestProgress, type IngestSummary } from '../ingest/ingest-sources.ts';

/** Builds the index for a corpus folder, or brings an existing one up to date (unchanged files are skipped). */
export async function prepareCorpusIndex(options: {
  database: Database;
  embedder: Embedder;
  corpusDirectory: string;
  maxFileBytes: number;
  /** Told of each file as it is indexed (the CLI draws a progress bar). */
  onProgress?: (progress: IngestProgress) => void;
}): Promise<IngestSummary> {
  const corpus = resolve(options.corpusDirectory);
  if (!existsSync(corpus)) {
    throw new HuiyingError({
      code: 'source-not-found',
      message: `The corpus folder ${corpus} does not exist. Pass the folder of documents with --corpus.`,
    });
  }
  return ingestSources({
    database: options.database,
    embedder: options.embedder,
    inputs: [corpus],
    maxFileBytes: options.maxFileBytes,
    prune: true,
    onProgress: options.onProgress,
  });
}
