import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { makeDocx, makeDocxBomb, makeZip } from '../support/make-docx.ts';
import { openTestPglite } from '../support/test-databases.ts';

const embedder = new HashingEmbedder({ dimensions: 64 });
const GOOD = '# 青禾市示例规定\n\n第一条 为了规范管理，制定本规定。\n\n第二条 本规定自公布之日起施行。\n';

describe('zipped documents are unpacked within limits (ZIP bombs fail that file only)', () => {
  let database: Database;
  const folder = fixtureFolder();
  const failures = async (options: { maxFileBytes?: number } = {}) => {
    const summary = await ingestSources({ database, embedder, inputs: [folder.root], ...options });
    return {
      summary,
      byName: Object.fromEntries(summary.failed.map((problem) => [problem.source.split('/').pop(), problem])),
    };
  };

  beforeAll(async () => {
    database = await openTestPglite();
  });
  afterAll(async () => {
    await database.close();
    folder.remove();
  });

  it('a .docx of 0.4 MB whose document.xml inflates to 400 MB fails as too large, and the good file beside it is ingested', async () => {
    folder.write('good.md', GOOD);
    const bomb = makeDocxBomb({ megabytes: 400 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    folder.write('bomb.docx', bomb);
    const { summary, byName } = await failures();
    expect(summary.added).toBe(1);
    expect(byName['bomb.docx']).toMatchObject({ code: 'source-too-large' });
    expect(byName['bomb.docx']!.reason).toMatch(/declares 400\.0 MB .*over the 25\.0 MB limit .*HUIYING_MAX_FILE_MB/);
    const stored = await database.query<{ source_uri: string }>('SELECT source_uri FROM documents');
    expect(stored.map((row) => row.source_uri.split('/').pop())).toEqual(['good.md']);
  });

  it('a .docx whose headers understate the unpacked size is stopped at the size it declares', async () => {
    folder.write('bomb.docx', makeDocxBomb({ megabytes: 400, declaredSize: 4096 }));
    const { byName } = await failures();
    expect(byName['bomb.docx']).toMatchObject({ code: 'source-too-large' });
    expect(byName['bomb.docx']!.reason).toMatch(
      /word\/document\.xml unpacking to more than the 4096 bytes it declares/,
    );
  });

  it('a .docx listing more entries than a document may have fails before anything is inflated', async () => {
    const parts = Array.from({ length: 10_001 }, (_, index) => ({
      name: `word/part${index}.xml`,
      data: Buffer.from('<x/>'),
    }));
    folder.write('bomb.docx', makeZip(parts));
    const { byName } = await failures();
    expect(byName['bomb.docx']).toMatchObject({ code: 'source-too-large' });
    expect(byName['bomb.docx']!.reason).toMatch(/lists 10001 entries, more than the 10000/);
  });

  it('a .docx with two entries of one name is refused as corrupt (two readers could read different ones)', async () => {
    const twice = makeZip([
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]);
    folder.write('bomb.docx', twice);
    const { byName } = await failures();
    expect(byName['bomb.docx']).toMatchObject({ code: 'source-corrupt' });
    expect(byName['bomb.docx']!.reason).toMatch(/two entries named word\/document\.xml/);
  });

  it('a .docx whose images exceed the unpacked limit is still read: images are never unpacked', async () => {
    const picture = { name: 'word/media/image1.png', data: randomBytes(700 * 1024) };
    folder.write('bomb.docx', makeDocx(['青禾市图文通知', '请各单位按时报送材料。'], [picture]));
    // 1 MB files, so at most 0.5 MB unpacked: the 0.7 MB picture would not fit if it were counted.
    const { summary, byName } = await failures({ maxFileBytes: 1024 * 1024 });
    expect(byName['bomb.docx']).toBeUndefined();
    expect(summary.added).toBe(1);
    const [row] = await database.query<{ body: string }>(
      `SELECT body FROM documents WHERE source_uri LIKE '%bomb.docx'`,
    );
    expect(row?.body).toContain('请各单位按时报送材料。');
  });
});
