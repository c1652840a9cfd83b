import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { DEFAULTS } from '../config/defaults.ts';
import { HuiyingError } from '../config/huiying-error.ts';
import type { Source } from './discover-sources.ts';

export type SourceFormat = 'markdown' | 'text' | 'html' | 'pdf' | 'docx';

const BY_EXTENSION: Record<string, SourceFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.shtml': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** Reads a source's bytes, refusing anything over `maxBytes` before it is read into memory. */
export async function readSource(
  source: Source,
  options: { maxBytes: number; fetch?: typeof globalThis.fetch; timeoutMs?: number },
): Promise<{ bytes: Uint8Array; format: SourceFormat }> {
  if (source.kind === 'file') {
    const size = (await stat(source.path)).size;
    if (size > options.maxBytes) throw tooLarge(source.uri, size, options.maxBytes);
    if (size === 0) throw new HuiyingError({ code: 'source-empty', message: `${source.uri} is empty.` });
    const handle = await open(source.path);
    try {
      const bytes = await handle.readFile();
      return { bytes, format: BY_EXTENSION[extname(source.path).toLowerCase()] ?? 'text' };
    } finally {
      await handle.close();
    }
  }
  return fetchSource(source.url, options);
}

async function fetchSource(
  url: string,
  options: { maxBytes: number; fetch?: typeof globalThis.fetch; timeoutMs?: number },
): Promise<{ bytes: Uint8Array; format: SourceFormat }> {
  const fetcher = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetcher(url, {
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULTS.fetchTimeoutMs),
      redirect: 'follow',
    });
  } catch (error) {
    throw new HuiyingError({
      code: 'source-fetch-failed',
      message: `Could not fetch ${url}: ${(error as Error).message}. Check the address and the network, or save the page and ingest the file.`,
      cause: error,
    });
  }
  if (!response.ok) {
    throw new HuiyingError({
      code: 'source-fetch-failed',
      message: `Fetching ${url} failed with HTTP ${response.status}. Check the address.`,
      details: { status: response.status },
    });
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > options.maxBytes) throw tooLarge(url, declared, options.maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.length;
    if (total > options.maxBytes) throw tooLarge(url, total, options.maxBytes);
    chunks.push(chunk);
  }
  if (total === 0) throw new HuiyingError({ code: 'source-empty', message: `${url} returned an empty body.` });
  const type = response.headers.get('content-type') ?? '';
  const format: SourceFormat = /pdf/i.test(type)
    ? 'pdf'
    : /wordprocessingml/i.test(type)
      ? 'docx'
      : /markdown/i.test(type)
        ? 'markdown'
        : /text\/plain/i.test(type)
          ? 'text'
          : (BY_EXTENSION[extname(new URL(url).pathname).toLowerCase()] ?? 'html');
  return { bytes: Buffer.concat(chunks), format };
}

function tooLarge(source: string, size: number, maxBytes: number): HuiyingError {
  const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  return new HuiyingError({
    code: 'source-too-large',
    message: `${source} is ${megabytes(size)} MB, over the ${megabytes(maxBytes)} MB limit. Split it, or raise HUIYING_MAX_FILE_MB.`,
    details: { size, maxBytes },
  });
}
