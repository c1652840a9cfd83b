import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../ingest/extract-document.ts';
import { extractMetadata } from '../../ingest/extract-metadata.ts';
import { SHARED } from '../support/fixture-folder.ts';

const CORPUS = join(SHARED, 'corpus');
const MANIFEST = join(SHARED, 'eval', 'corpus_manifest.jsonl');
const present = existsSync(CORPUS) && existsSync(MANIFEST);
if (!present) console.warn(`[skipped] real-corpus tests: ${CORPUS} is absent (it is present in CI).`);

type ManifestEntry = { doc: string; metadata_from_page?: Record<string, string> };

describe.skipIf(!present)('metadata on the real gov.cn policy pages', () => {
  const entries = present
    ? readFileSync(MANIFEST, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line.replace(/: NaN/g, ': null')) as ManifestEntry)
        .filter((entry) => entry.doc.startsWith('govcn_policies_html/') && entry.metadata_from_page)
    : [];

  it('finds all 60 pages in the manifest', () => {
    expect(entries.length).toBe(readdirSync(join(CORPUS, 'govcn_policies_html')).length);
  });

  it('extracts 索引号, 发文机关, 发文字号, 标题 and both dates as the pages print them', async () => {
    const mismatches: string[] = [];
    for (const entry of entries) {
      const page = entry.metadata_from_page!;
      const extracted = await extractDocument(readFileSync(join(CORPUS, entry.doc)), {
        format: 'html',
        source: entry.doc,
      });
      const metadata = extractMetadata({ text: extracted.text, sourceUri: entry.doc, formatHints: extracted.hints });
      const expected: Array<[string, string | undefined, string | undefined]> = [
        ['索引号', page['索引号'], metadata.indexNumber],
        ['发文机关', page['发文机关'], metadata.issuer],
        ['发文字号', page['发文字号'] || undefined, metadata.documentNumber],
        ['标题', page['标题'], metadata.title],
        ['成文日期', normaliseDate(page['成文日期']), metadata.writtenDate],
        ['发布日期', normaliseDate(page['发布日期']), metadata.publishedDate],
      ];
      for (const [field, want, got] of expected)
        if (want && want !== got) mismatches.push(`${entry.doc} ${field}: ${want} != ${got}`);
    }
    expect(mismatches).toEqual([]);
  });
});

function normaliseDate(text: string | undefined): string | undefined {
  const match = text && /(\d{4})\D+(\d{1,2})\D+(\d{1,2})/.exec(text);
  return match ? `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}` : undefined;
}
