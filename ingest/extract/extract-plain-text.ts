import { decodeText } from '../decode-text.ts';
import { normaliseText } from '../normalise-text.ts';
import type { ExtractedDocument } from './extracted-document.ts';

/** Extracts a plain-text file in UTF-8 or the GB encodings. */
export function extractPlainText(bytes: Uint8Array, options: { source: string }): ExtractedDocument {
  const { text, encoding } = decodeText(bytes, { source: options.source });
  return { format: 'text', text: normaliseText(text), encoding, hints: {} };
}
