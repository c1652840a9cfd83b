import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { makePdf } from '../support/make-pdf.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { openTestPglite } from '../support/test-databases.ts';

const embedder = new HashingEmbedder({ dimensions: 64 });
const GOOD = '# 青禾市示例规定\n\n第一条 为了规范管理，制定本规定。\n\n第二条 本规定自公布之日起施行。\n';

describe('bad input is reported with a reason and costs nothing else', () => {
  let database: Database;
  const folder = fixtureFolder();

  beforeAll(async () => {
    database = await openTestPglite();
    folder.write('good.md', GOOD);
    folder.write('good.pdf', makePdf(['青禾市示例通知', '请各单位按时报送材料。']));
    folder.write('corrupt.pdf', Buffer.from('%PDF-1.4\nthis is not really a pdf'));
    folder.write('empty.txt', '');
    folder.write('binary.txt', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x00, 0xff]));
    folder.write('undecodable.txt', Buffer.from([0x61, 0x62, 0xff, 0xff, 0xff, 0x80, 0x81]));
    folder.write('spreadsheet.xlsx', 'not supported');
    folder.write('huge.txt', '大'.repeat(400_000));
    folder.write('broken.docx', Buffer.from('PK\u0003\u0004 not a zip'));
    folder.write('bad-sidecar.md', GOOD);
    folder.write('bad-sidecar.md.meta.json', '{"validity": "maybe"}');
  });
  afterAll(async () => {
    await database.close();
    folder.remove();
  });

  it('ingests the good files and lists every bad one with its code', async () => {
    const summary = await ingestSources({
      database,
      embedder,
      inputs: [folder.root, folder.path('missing-folder')],
      maxFileBytes: 1024 * 1024,
    });
    expect(summary.added).toBe(2);
    const codes = Object.fromEntries(summary.failed.map((problem) => [problem.source.split('/').pop(), problem.code]));
    expect(codes).toEqual({
      'corrupt.pdf': 'source-corrupt',
      'empty.txt': 'source-empty',
      'binary.txt': 'source-undecodable',
      'undecodable.txt': 'source-undecodable',
      'spreadsheet.xlsx': 'source-unsupported',
      'huge.txt': 'source-too-large',
      'broken.docx': 'source-corrupt',
      'bad-sidecar.md': 'source-corrupt',
      'missing-folder': 'source-not-found',
    });
    const reasons = summary.failed.map((problem) => problem.reason).join('\n');
    expect(reasons).toContain('HUIYING_MAX_FILE_MB');
    expect(reasons).toContain('validity');
    const stored = await database.query<{ source_uri: string }>('SELECT source_uri FROM documents ORDER BY source_uri');
    expect(stored.map((row) => row.source_uri.split('/').pop())).toEqual(['good.md', 'good.pdf']);
  });

  it('stops at the first failure with --strict', async () => {
    await expect(
      ingestSources({ database, embedder, inputs: [folder.path('corrupt.pdf')], strict: true }),
    ).rejects.toThrow(/could not be read as a PDF/);
    await expect(
      ingestSources({ database, embedder, inputs: [folder.path('spreadsheet.xlsx')], strict: true }),
    ).rejects.toMatchObject({ code: 'source-unsupported' });
  });

  it('treats a file named on its own and inside a named folder as one source', async () => {
    const single = fixtureFolder();
    const file = single.write('only.md', GOOD.replace('示例规定', '单一规定'));
    try {
      expect(await ingestSources({ database, embedder, inputs: [file, single.root] })).toMatchObject({
        scanned: 1,
        added: 1,
        failed: [],
      });
    } finally {
      single.remove();
    }
  });

  it('leaves no half-written document when the database rejects one document of a batch', async () => {
    const batch = fixtureFolder();
    batch.write('a.md', '# 甲规定\n\n第一条 甲。\n\n第二条 甲乙。\n');
    batch.write('b.md', '# 拒收规定\n\n第一条 乙。\n\n第二条 乙丙。\n');
    batch.write('c.md', '# 丙规定\n\n第一条 丙。\n\n第二条 丙丁。\n');
    await database.exec(`CREATE FUNCTION refuse_title() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.title = '拒收规定' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_title BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION refuse_title();`);
    try {
      const summary = await ingestSources({ database, embedder, inputs: [batch.root] });
      expect(summary.added).toBe(2);
      expect(summary.failed).toEqual([
        expect.objectContaining({
          code: 'database-write-failed',
          reason: expect.stringContaining('refused by test trigger'),
        }),
      ]);
      const rows = await database.query<{ title: string; chunks: number }>(
        `SELECT d.title, (SELECT count(*)::int FROM chunks c WHERE c.document_id = d.id) AS chunks FROM documents d WHERE d.source_uri LIKE $1 ORDER BY d.title`,
        [`${batch.root}/%`],
      );
      expect(rows).toEqual([
        { title: '丙规定', chunks: 2 },
        { title: '甲规定', chunks: 2 },
      ]);
    } finally {
      await database.exec('DROP TRIGGER refuse_title ON documents; DROP FUNCTION refuse_title();');
      batch.remove();
    }
  });

  describe('web pages', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((request, response) => {
        if (request.url === '/gbk.html') {
          response.writeHead(200, { 'content-type': 'text/html' });
          response.end(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'gbk-page.html')));
        } else {
          response.writeHead(404).end('not found');
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('ingests a GBK page by URL and reports a missing page with its HTTP status', async () => {
      const summary = await ingestSources({ database, embedder, inputs: [`${base}/gbk.html`, `${base}/missing.html`] });
      expect(summary.failed.filter((problem) => problem.source.endsWith('gbk.html'))).toEqual([]);
      expect(summary.added).toBe(1);
      expect(summary.failed).toEqual([
        expect.objectContaining({ code: 'source-fetch-failed', reason: expect.stringContaining('HTTP 404') }),
      ]);
      const rows = await database.query<{ body: string }>('SELECT body FROM documents WHERE source_uri = $1', [
        `${base}/gbk.html`,
      ]);
      expect(rows[0]?.body).toContain('青禾市网页示例');
    });
  });
});
