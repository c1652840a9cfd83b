import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { useRunningConsole } from '../support/running-console.ts';

const consoleUnderTest = useRunningConsole();
const root = () => consoleUnderTest.sample.folder.root;
let staff: ConsoleClient;

beforeAll(async () => {
  // A document in a subfolder whose sidecar names its own web address.
  mkdirSync(consoleUnderTest.sample.folder.path('公告'));
  consoleUnderTest.sample.folder.write(
    '公告/青禾市关于开展政务公开日活动的通知.md',
    '# 青禾市关于开展政务公开日活动的通知\n\n一、每月第一个星期三为政务公开日，市民可到政务服务中心参观。\n',
  );
  consoleUnderTest.sample.folder.write(
    '公告/青禾市关于开展政务公开日活动的通知.md.meta.json',
    JSON.stringify({ sourceUrl: 'https://www.qinghe.gov.cn/zwgk/tzgg/202411/t20241101_1.html' }),
  );
  await ingestSources({
    database: consoleUnderTest.sample.database,
    embedder: consoleUnderTest.sample.embedder,
    inputs: [root()],
  });
  staff = new ConsoleClient(consoleUnderTest.url);
  await staff.signIn('staff-li');
});

const documentId = async (title: string) =>
  Number(
    (
      await consoleUnderTest.sample.database.query<{ id: string }>(
        `SELECT id FROM documents WHERE title = $1 AND status = 'current'`,
        [title],
      )
    )[0]!.id,
  );

describe('where a document comes from', () => {
  it("shows a file's path relative to the ingested folder on the document and source pages, never the server's", async () => {
    const id = await documentId('青禾市政府信息公开实施办法');
    const page = await staff.get(`/documents/${id}`);
    expect(page.body).toContain('<td id="document-source">文件 <code>青禾市政府信息公开实施办法.md</code></td>');
    expect(page.body).not.toContain(root());
    const [chunk] = await consoleUnderTest.sample.database.query<{ id: string }>(
      'SELECT id FROM chunks WHERE document_id = $1 ORDER BY ordinal LIMIT 1',
      [id],
    );
    const source = await staff.get(`/sources/${chunk!.id}`);
    expect(source.body).toContain('来源：文件 <code>青禾市政府信息公开实施办法.md</code>');
    expect(source.body).not.toContain(root());
  });

  it("shows the document's own web address when its sidecar names one", async () => {
    const page = await staff.get(`/documents/${await documentId('青禾市关于开展政务公开日活动的通知')}`);
    expect(page.body).toContain(
      '<a href="https://www.qinghe.gov.cn/zwgk/tzgg/202411/t20241101_1.html" rel="noopener noreferrer">',
    );
    expect(page.body).not.toContain(root());
  });

  it('names a talking point ingested from a file by its relative path in 口径库', async () => {
    const page = await staff.get('/talking-points');
    expect(page.body).toContain('来自文件 <code>汛期城区内涝应对口径.md</code>');
    expect(page.body).not.toContain(root());
  });
});
