import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { openTestPglite } from '../support/test-databases.ts';

const embedder = new HashingEmbedder({ dimensions: 64 });
const GOOD = '# 青禾市示例规定\n\n第一条 为了规范管理，制定本规定。\n\n第二条 本规定自公布之日起施行。\n';

// An outline of `items` numbered paragraphs: each starts a section of its own, so each becomes one passage.
function outline(items: number): string {
  const lines = ['青禾市政府信息公开事项汇编'];
  for (let index = 1; index <= items; index += 1)
    lines.push(
      `${index}.第${index}项 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复，并书面告知申请人。`,
    );
  return lines.join('\n');
}

describe('large documents and odd files are ingested or reported, never crash the run', () => {
  let database: Database;
  const folder = fixtureFolder();
  const ingest = async () => {
    const summary = await ingestSources({ database, embedder, inputs: [folder.root] });
    const byName = Object.fromEntries(summary.failed.map((problem) => [problem.source.split('/').pop(), problem]));
    return { summary, byName };
  };

  beforeAll(async () => {
    database = await openTestPglite();
    folder.write('good.md', GOOD);
  });
  afterAll(async () => {
    await database.close();
    folder.remove();
  });

  it('a 40 MB file of 300,000 passages fails with a size reason (not a stack overflow), and the good file beside it is ingested', async () => {
    const text = outline(300_000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(40 * 1024 * 1024);
    folder.write('compendium.txt', text);
    const { summary, byName } = await ingest();
    rmSync(folder.path('compendium.txt'));
    expect(summary.added).toBe(1);
    expect(byName['compendium.txt']).toMatchObject({ code: 'source-too-large' });
    expect(byName['compendium.txt']!.reason).toMatch(
      /splits into 300,00\d passages, more than the 20,000 one document may have/,
    );
  }, 60_000);

  it('reports a symbolic link as not followed, for a file and for a folder', async () => {
    const outside = fixtureFolder();
    try {
      outside.write('secret.md', GOOD.replace('示例规定', '外部规定'));
      symlinkSync(outside.path('secret.md'), folder.path('linked.md'));
      symlinkSync(outside.root, folder.path('linked-folder'));
      const { byName } = await ingest();
      expect(byName['linked.md']).toMatchObject({ code: 'source-symlink' });
      expect(byName['linked.md']!.reason).toContain(outside.path('secret.md'));
      expect(byName['linked-folder']).toMatchObject({ code: 'source-symlink' });
      const stored = await database.query<{ source_uri: string }>('SELECT source_uri FROM documents');
      expect(stored.some((row) => row.source_uri.includes('secret'))).toBe(false);
    } finally {
      outside.remove();
    }
  });

  it('reports a file name that is not UTF-8 as such (with its GBK reading), not as "not found"', async () => {
    const gbkName = Buffer.concat([Buffer.from([0xb9, 0xe6, 0xb6, 0xa8]), Buffer.from('.md')]); // 规定.md in GBK
    mkdirSync(folder.path('gbk'));
    writeFileSync(Buffer.concat([Buffer.from(join(folder.root, 'gbk/')), gbkName]), GOOD);
    const { summary } = await ingest();
    const problem = summary.failed.find((failure) => failure.source.includes('/gbk/'));
    expect(problem).toMatchObject({ code: 'source-name-invalid' });
    expect(problem!.reason).toContain('read as GBK: 规定.md');
    expect(problem!.reason).toContain('b9 e6 b6 a8');
  });
});
