import { extractText, getDocumentProxy } from 'unpdf';
import { HuiyingError } from '../../config/huiying-error.ts';
import { joinBrokenLines, normaliseText } from '../normalise-text.ts';
import type { ExtractedDocument } from './extracted-document.ts';

/** Extracts the text layer of a PDF. Scanned PDFs without one are reported as empty (OCR is not built in). */
export async function extractPdf(bytes: Uint8Array, options: { source: string }): Promise<ExtractedDocument> {
  let pages: string[];
  try {
    const document = await getDocumentProxy(new Uint8Array(bytes));
    pages = (await extractText(document, { mergePages: false })).text;
  } catch (error) {
    throw new HuiyingError({
      code: 'source-corrupt',
      message: `${options.source} could not be read as a PDF (${(error as Error).message}). If it is password-protected or damaged, export it again from the original.`,
      cause: error,
    });
  }
  const text = joinBrokenLines(normaliseText(pages.join('\n')));
  return { format: 'pdf', text, hints: {} };
}
