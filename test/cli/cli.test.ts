import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { runCli } from '../support/run-cli.ts';

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
    const commands = [...overview.out.matchAll(/^ {2}(\w+) /gm)].map((match) => match[1]!);
    expect(commands).toEqual([
      'start',
      'serve',
      'ingest',
      'search',
      'ask',
      'triage',
      'cases',
      'user',
      'key',
      'audit',
      'docs',
      'reindex',
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

  it('reports a configuration mistake with its code and exit 1', async () => {
    process.env.DATABASE_URL = 'mysql://nope';
    try {
      expect(await run('docs')).toMatchObject({ code: 1, err: expect.stringContaining('error [config-invalid]') });
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
