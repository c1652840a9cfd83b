import mammoth from 'mammoth';
import { HuiyingError } from '../../config/huiying-error.ts';
import { normaliseText } from '../normalise-text.ts';
import type { ExtractedDocument } from './extracted-document.ts';

/** Extracts the paragraphs of a Word (.docx) document. */
export async function extractDocx(bytes: Uint8Array, options: { source: string }): Promise<ExtractedDocument> {
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return { format: 'docx', text: normaliseText(result.value), hints: {} };
  } catch (error) {
    throw new HuiyingError({
      code: 'source-corrupt',
      message: `${options.source} could not be read as a Word document (${(error as Error).message}). Open and re-save it as .docx, or export it as PDF.`,
      cause: error,
    });
  }
}
