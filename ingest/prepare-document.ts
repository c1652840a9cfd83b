import { createHash } from 'node:crypto';
import type { NewChunk } from './chunk-queries.ts';
import type { NewDocument } from './document-queries.ts';
import type { Embedder } from '../embed/embedder.ts';
import { segmentForIndex } from '../text/segmenter.ts';
import { chunkDocument, type ChunkOptions } from './chunk-document.ts';
import type { DocumentMetadataHints } from './document-metadata.ts';
import { extractDocument } from './extract-document.ts';
import { extractMetadata, familyKey } from './extract-metadata.ts';
import { HuiyingError } from '../config/huiying-error.ts';
import { ingestLimits, type IngestLimits } from './ingest-limits.ts';
import type { SourceFormat } from './read-source.ts';
import { parseSidecar } from './sidecar.ts';

/** Bump when extraction or chunking changes, so `huiying ingest` re-indexes documents whose bytes did not change. */
export const PIPELINE_VERSION = 2;

export type PreparedDocument = Omit<NewDocument, 'version'> & { chunks: Array<Omit<NewChunk, 'documentId'>> };

/** Hash of what determines a stored document: its bytes, its sidecar metadata and the pipeline version. */
export function contentHash(bytes: Uint8Array, sidecar: DocumentMetadataHints | undefined): string {
  return createHash('sha256')
    .update(`huiying-pipeline-${PIPELINE_VERSION}\n`)
    .update(JSON.stringify(sidecar ?? {}))
    .update(bytes)
    .digest('hex');
}

/** Extracts, describes, chunks, segments and embeds one source, entirely in memory (nothing is written here). */
export async function prepareDocument(options: {
  sourceUri: string;
  bytes: Uint8Array;
  format: SourceFormat;
  sidecar?: DocumentMetadataHints;
  hash: string;
  embedder: Embedder;
  chunking?: ChunkOptions;
  /** @default the limits of the default HUIYING_MAX_FILE_MB */
  limits?: IngestLimits;
}): Promise<PreparedDocument> {
  const limits = options.limits ?? ingestLimits();
  const extracted = await extractDocument(options.bytes, {
    format: options.format,
    source: options.sourceUri,
    limits,
  });
  const frontMatter = extracted.frontMatter
    ? parseSidecar(extracted.frontMatter, { source: `${options.sourceUri} (front matter)` })
    : undefined;
  const metadata = extractMetadata({
    text: extracted.text,
    sourceUri: options.sourceUri,
    formatHints: extracted.hints,
    sidecar: { ...frontMatter, ...options.sidecar },
  });
  return {
    sourceUri: options.sourceUri,
    contentHash: options.hash,
    format: extracted.format,
    metadata,
    familyKey: familyKey(metadata.title),
    body: extracted.text,
    extra: { encoding: extracted.encoding },
    chunks: await buildChunks({
      body: extracted.text,
      title: metadata.title,
      embedder: options.embedder,
      chunking: options.chunking,
      maxPassages: limits.maxPassagesPerDocument,
      source: options.sourceUri,
    }),
  };
}

/** Chunks a document's stored text and gives each chunk its index terms and embedding (ingest and reindex share this). */
export async function buildChunks(options: {
  body: string;
  title: string;
  embedder: Embedder;
  chunking?: ChunkOptions;
  /** Refuse a document that splits into more passages than this, before any is segmented or embedded. */
  maxPassages?: number;
  source?: string;
}): Promise<PreparedDocument['chunks']> {
  const pieces = chunkDocument(options.body, options.chunking);
  if (options.maxPassages !== undefined && pieces.length > options.maxPassages)
    throw new HuiyingError({
      code: 'source-too-large',
      message: `${options.source ?? options.title} splits into ${pieces.length.toLocaleString('en')} passages, more than the ${options.maxPassages.toLocaleString('en')} one document may have. Split it into smaller documents (by chapter, or by year).`,
      details: { passages: pieces.length, maxPassages: options.maxPassages },
    });
  const embeddings = await options.embedder.embed(
    pieces.map((chunk) => `${options.title} ${chunk.headingPath.join(' ')}\n${chunk.content}`),
  );
  return pieces.map((chunk, index) => ({
    ordinal: chunk.ordinal,
    headingPath: chunk.headingPath,
    articleLabel: chunk.articleLabel,
    articleNumber: chunk.articleNumber,
    start: chunk.start,
    end: chunk.end,
    content: chunk.content,
    titleTerms: segmentForIndex(`${options.title} ${chunk.headingPath.join(' ')}`),
    bodyTerms: segmentForIndex(chunk.content),
    embedding: embeddings[index]!,
  }));
}
