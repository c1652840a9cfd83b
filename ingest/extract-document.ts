import { HuiyingError } from '../config/huiying-error.ts';
import { extractDocx } from './extract/extract-docx.ts';
import { extractHtml } from './extract/extract-html.ts';
import { extractMarkdown } from './extract/extract-markdown.ts';
import { extractPdf } from './extract/extract-pdf.ts';
import { extractPlainText } from './extract/extract-plain-text.ts';
import type { ExtractedDocument } from './extract/extracted-document.ts';
import { ingestLimits } from './ingest-limits.ts';
import type { SourceFormat } from './read-source.ts';
import type { ZipLimits } from './zip/read-zip-entries.ts';
import { splitFrontMatter } from './sidecar.ts';
import { stripBoilerplate } from './strip-boilerplate.ts';

/**
 * Turns a source's bytes into clean text and format-level metadata; front matter is returned separately. A zipped
 * format is unpacked within `limits` (@default those of the default HUIYING_MAX_FILE_MB).
 */
export async function extractDocument(
  bytes: Uint8Array,
  options: { format: SourceFormat; source: string; limits?: ZipLimits },
): Promise<ExtractedDocument & { frontMatter?: Record<string, string> }> {
  let frontMatter: Record<string, string> | undefined;
  let input = bytes;
  if (options.format === 'markdown' || options.format === 'text') {
    const head = Buffer.from(bytes.subarray(0, 4)).toString('utf8');
    if (head.replace(/^\ufeff/, '').startsWith('---')) {
      const split = splitFrontMatter(Buffer.from(bytes).toString('utf8'));
      frontMatter = split.fields;
      input = Buffer.from(split.body, 'utf8');
    }
  }
  const extracted = await extractByFormat(input, options);
  const text = stripBoilerplate(extracted.text).trim();
  if (text.replace(/\s/g, '').length < 2) {
    throw new HuiyingError({
      code: 'source-empty',
      message: `${options.source} has no text to index${options.format === 'pdf' ? ' (a scanned PDF without a text layer needs OCR first)' : ''}.`,
    });
  }
  return { ...extracted, text, frontMatter };
}

function extractByFormat(
  bytes: Uint8Array,
  options: { format: SourceFormat; source: string; limits?: ZipLimits },
): ExtractedDocument | Promise<ExtractedDocument> {
  switch (options.format) {
    case 'markdown':
      return extractMarkdown(bytes, options);
    case 'html':
      return extractHtml(bytes, options);
    case 'pdf':
      return extractPdf(bytes, options);
    case 'docx':
      return extractDocx(bytes, { source: options.source, limits: options.limits ?? ingestLimits() });
    case 'text':
      return extractPlainText(bytes, options);
  }
}
