import mammoth from 'mammoth';
import { HuiyingError, isHuiyingError } from '../../config/huiying-error.ts';
import { normaliseText } from '../normalise-text.ts';
import { readZipEntries, type ZipLimits } from '../zip/read-zip-entries.ts';
import { writeStoredZip } from '../zip/write-stored-zip.ts';
import type { ExtractedDocument } from './extracted-document.ts';

// The parts that hold a Word document's text, styles, numbering, notes and relationships; images and embedded
// objects are never unpacked.
const TEXT_PARTS = /\.(?:xml|rels)$/i;

/** Extracts the paragraphs of a Word (.docx) document, unpacking it within `limits` first. */
export async function extractDocx(
  bytes: Uint8Array,
  options: { source: string; limits: ZipLimits },
): Promise<ExtractedDocument> {
  try {
    const entries = readZipEntries(bytes, {
      ...options.limits,
      source: options.source,
      include: (name) => TEXT_PARTS.test(name),
    });
    const result = await mammoth.extractRawText({ buffer: writeStoredZip(entries) });
    return { format: 'docx', text: normaliseText(result.value), hints: {} };
  } catch (error) {
    if (isHuiyingError(error)) throw error;
    throw new HuiyingError({
      code: 'source-corrupt',
      message: `${options.source} could not be read as a Word document (${(error as Error).message}). Open and re-save it as .docx, or export it as PDF.`,
      cause: error,
    });
  }
}
