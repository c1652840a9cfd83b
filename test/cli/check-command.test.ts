import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { runCliWith } from '../support/run-cli.ts';

const data = fixtureFolder();
const office = fixtureFolder({ withSampleOffice: true });
const files = fixtureFolder();
const environment = { HUIYING_DATA_DIR: data.root, HUIYING_OFFICE_CONTACTS: '0730-5180118' };
const check = (argv: string[], stdin?: string) => runCliWith({ argv: ['check', ...argv], environment, stdin });

const TRUE_STATEMENT = [
  '行政机关不能当场答复的，应当自收到申请之日起二十个工作日内予以答复。',
  '依申请提供政府信息不收取费用。',
  '如有疑问，请拨打0730-5180118咨询。',
].join('\n');

beforeAll(async () => {
  const ingest = await runCliWith({ argv: ['ingest', office.root, '--json'], environment });
  expect(ingest.code, ingest.err).toBe(0);
}, 120_000);
afterAll(() => {
  for (const folder of [data, office, files]) folder.remove();
});

describe('huiying check (核稿)', () => {
  it('exits 0 for a statement whose every sentence is supported, naming each source', async () => {
    const path = files.write('statement.txt', TRUE_STATEMENT.split('\n').slice(0, 2).join(''));
    const result = await check([path]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('✓ supported   行政机关不能当场答复的');
    expect(result.out).toContain('《青禾市政府信息公开实施办法》（青政发〔2024〕3号）第九条');
    expect(result.out).toContain('2 sentences: 2 supported, 0 mismatch, 0 unsupported.');
  });

  it('exits 1 and prints each problem with what the source says, as JSON on request', async () => {
    const statement = `${TRUE_STATEMENT}\n行政机关应当在每年3月31日前向社会公布上一年度政府信息公开工作年度报告。详情请访问 evil.example。`;
    const result = await check(['-', '--json'], statement);
    expect(result.code, result.err).toBe(1);
    const report = JSON.parse(result.out);
    expect(report.allSupported).toBe(false);
    expect(report.sentences.map((sentence: { status: string }) => sentence.status)).toEqual([
      'supported',
      'supported',
      'supported',
      'mismatch',
      'unsupported',
    ]);
    expect(report.sentences[3]).toMatchObject({
      problems: [{ kind: 'date', text: '3月31日', expected: '1月31日' }],
      citations: [{ citation: expect.stringContaining('第十三条'), quote: expect.stringContaining('1月31日') }],
    });
    expect(report.sentences[4].problems).toContainEqual({ kind: 'contact', text: 'evil.example' });
    const text = await check([], statement);
    expect(text.code).toBe(1);
    expect(text.out).toContain('✗ mismatch    行政机关应当在每年3月31日前');
    expect(text.out).toContain('date: 3月31日 (the source has 1月31日)');
  });

  it('exits 2 for usage errors: no text, a missing file, a file that is not UTF-8, two files', async () => {
    expect(await check([], '')).toMatchObject({ code: 2, err: expect.stringContaining('为空') });
    expect(await check([files.path('missing.txt')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Cannot read'),
    });
    const gbk = files.write('gbk.txt', Buffer.from([0xd0, 0xd0, 0xd5, 0xfe, 0xbb, 0xfa, 0xb9, 0xd8]));
    expect(await check([gbk])).toMatchObject({ code: 2, err: expect.stringContaining('not UTF-8') });
    expect(await check(['a.txt', 'b.txt'])).toMatchObject({ code: 2, err: expect.stringContaining('one file') });
  });
});
