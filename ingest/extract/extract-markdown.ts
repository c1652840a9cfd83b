import { decodeText } from '../decode-text.ts';
import type { DocumentMetadataHints } from '../document-metadata.ts';
import { normaliseText } from '../normalise-text.ts';
import type { ExtractedDocument } from './extracted-document.ts';
import { readLawHeader } from './read-law-header.ts';

const INFO_END = '<!-- INFO END -->';

/**
 * Extracts Markdown. Leading `#` lines form the title (LawRefBook splits 民法典 into 编 this way); lines before
 * `<!-- INFO END -->` are the promulgation header (dates, 令号, 施行), read into metadata and kept out of the body.
 */
export function extractMarkdown(bytes: Uint8Array, options: { source: string }): ExtractedDocument {
  const { text: raw, encoding } = decodeText(bytes, { source: options.source });
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const titleParts: string[] = [];
  let index = 0;
  for (; index < lines.length; index += 1) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    const heading = /^#\s+(.+)$/.exec(line);
    if (!heading) break;
    titleParts.push(heading[1]!.trim());
  }
  const rest = lines.slice(index).join('\n');
  const marker = rest.indexOf(INFO_END);
  let hints: DocumentMetadataHints = {};
  let body = rest;
  if (marker >= 0) {
    hints = readLawHeader(rest.slice(0, marker));
    body = rest.slice(marker + INFO_END.length);
  }
  if (titleParts.length > 0) hints.title = titleParts.join(' ');
  return { format: 'markdown', text: normaliseText(stripMarkdown(body)), encoding, hints };
}

function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^```.*$/gm, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/^\|?\s*:?-{3,}.*$/gm, '')
    .replace(/\s*\|\s*/g, ' ');
}
