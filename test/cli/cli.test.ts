import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { runCli, runCliWith } from '../support/run-cli.ts';

const run = runCli;

describe('the huiying command line', () => {
  const data = fixtureFolder();
  const office = fixtureFolder({ withSampleOffice: true });
  const saved = { ...process.env };

  beforeAll(() => {
    process.env.HUIYING_DATA_DIR = data.root;
    delete process.env.DATABASE_URL;
    delete process.env.EMBEDDING_MODEL;
    delete process.env.HUIYING_EMBEDDER;
  });
  afterAll(() => {
    process.env = saved;
    data.remove();
    office.remove();
  });

  it('prints help for the tool and for every command', async () => {
    const overview = await run('--help');
    expect(overview.code).toBe(0);
    const commands = [...overview.out.matchAll(/^ {2}([\w-]+) /gm)].map((match) => match[1]!);
    expect(commands).toEqual([
      'start',
      'serve',
      'worker',
      'ingest',
      'search',
      'ask',
      'check',
      'triage',
      'cases',
      'user',
      'key',
      'audit',
      'docs',
      'reindex',
      'migrate-to',
      'eval',
      'bench',
    ]);
    for (const command of commands) {
      const help = await run(command, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toMatch(new RegExp(`^Usage: huiying ${command}`));
    }
  });

  it('explains wrong usage with exit code 2', async () => {
    expect(await run('frobnicate')).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unknown command "frobnicate"'),
    });
    expect(await run('search')).toMatchObject({ code: 2, err: expect.stringContaining('search needs a question') });
    expect(await run('search', '停车', '--limit', 'many')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--limit must be a whole number'),
    });
    expect(await run('ingest', '--no-such-flag')).toMatchObject({
      code: 2,
      err: expect.stringContaining("Unknown option '--no-such-flag'"),
    });
  });

  it('ingests a folder, lists its documents and answers with citations', async () => {
    const ingest = await run('ingest', office.root, '--json');
    expect(ingest.code).toBe(0);
    expect(JSON.parse(ingest.out)).toMatchObject({ added: 7, failed: [] });
    const docs = await run('docs');
    expect(docs.out).toContain('青政发〔2024〕3号');
    expect(docs.out).toContain('6 document(s).');
    const search = await run('search', '申请公开政府信息多久答复', '--limit', '2');
    expect(search.code).toBe(0);
    expect(search.out).toMatch(/^\[1\] 《.+》/);
    expect(search.out).toContain('20个工作日');
    const json = JSON.parse((await run('search', '停车收费', '--json', '--type', 'regulation')).out);
    expect(json[0]).toMatchObject({
      document: { title: '青禾市公共停车场管理办法', docType: 'regulation' },
      articleLabel: expect.stringMatching(/^第.+条$/),
    });
  });

  it('searches every region and marks passages outside HUIYING_JURISDICTION, or only the region given', async () => {
    const elsewhere = await runCliWith({
      argv: ['search', '公共停车场收费标准', '--limit', '1'],
      environment: { ...process.env, HUIYING_JURISDICTION: '浙江省/杭州市/建德市' },
    });
    expect(elsewhere.out).toMatch(/^\[1\] 《青禾市公共停车场管理办法》.*\[其他地区\]$/m);
    const own = await run('search', '公共停车场收费标准', '--limit', '1', '--region', '某某省/青禾市');
    expect(own.out).not.toContain('[其他地区]');
    expect((await run('search', '公共停车场收费标准', '--region', '浙江省/杭州市/建德市')).out).not.toContain('青禾市');
    expect(await run('search', '停车', '--region', '火星')).toMatchObject({ code: 2 });
  });

  it('prints each heading of a search result once', async () => {
    const search = await run('search', '申请后多长时间能得到答复', '--limit', '1');
    expect(search.out).toMatch(/^\[1\] 《青禾市依申请公开常见问题解答》二、申请后多长时间能得到答复？/);
    expect(search.out.split('申请后多长时间能得到答复？').length - 1).toBe(1);
  });

  it('opens the embedded database in --data-dir with every command that uses one', async () => {
    const other = fixtureFolder();
    try {
      const ingest = await run('ingest', office.path('依申请公开常见问题.txt'), '--data-dir', other.root, '--json');
      expect(JSON.parse(ingest.out)).toMatchObject({ added: 1 });
      expect((await run('docs', '--data-dir', other.root)).out).toContain('1 document(s).');
      for (const command of ['cases', 'audit verify', 'user list', 'search 答复']) {
        const result = await run(...command.split(' '), '--data-dir', other.root);
        expect(result.code, `${command}: ${result.err}`).toBe(0);
      }
      // The default database (HUIYING_DATA_DIR) still holds the office ingested above, not this one file.
      expect((await run('docs')).out).toContain('6 document(s).');
    } finally {
      other.remove();
    }
    expect((await run('ingest', '--help')).out).toContain('--data-dir <dir>');
    // A command that describes --data-dir itself lists it once.
    for (const command of ['eval', 'bench'])
      expect((await run(command, '--help')).out.match(/^ +--data-dir /gm), command).toHaveLength(1);
  });

  it('reports a configuration mistake with its code and exit 1', async () => {
    process.env.DATABASE_URL = 'mysql://nope';
    try {
      expect(await run('docs')).toMatchObject({ code: 1, err: expect.stringContaining('error [config-invalid]') });
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
