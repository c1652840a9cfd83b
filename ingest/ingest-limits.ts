import { DEFAULTS } from '../config/defaults.ts';
import type { ZipLimits } from './zip/read-zip-entries.ts';

/** How much one source may cost: bytes read, bytes unpacked from a zipped format, passages made. */
export type IngestLimits = ZipLimits & { maxFileBytes: number; maxPassagesPerDocument: number };

/** The limits for a file size limit (HUIYING_MAX_FILE_MB); everything else follows from it and DEFAULTS. */
export function ingestLimits(maxFileBytes: number = DEFAULTS.maxFileMegabytes * 1024 * 1024): IngestLimits {
  return {
    maxFileBytes,
    maxUnzippedBytes: Math.floor(maxFileBytes * DEFAULTS.unzippedShareOfFileLimit),
    maxEntries: DEFAULTS.maxZipEntries,
    maxPassagesPerDocument: DEFAULTS.maxPassagesPerDocument,
  };
}
