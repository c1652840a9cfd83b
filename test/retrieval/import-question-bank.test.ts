import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadActiveBankEntries } from '../../ingest/question-bank-queries.ts';
import { closestApprovedAnswer } from '../../retrieval/closest-approved-answer.ts';
import { importQuestionBank } from '../../retrieval/import-question-bank.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
const MAX = 1024 * 1024;
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

const entriesFrom = async (file: string) =>
  (await loadActiveBankEntries(sample.database)).filter((entry) => entry.source?.startsWith(`${file}#`));

describe('importing an office question bank', () => {
  it('imports JSON Lines, resolves 《title》第X条 and document paths to current text, and reports malformed lines by number while keeping the rest', async () => {
    const file = sample.folder.write(
      '问答库.jsonl',
      [
        JSON.stringify({
          question: '政府信息公开申请多久答复？',
          answer: '20个工作日内。',
          cites: ['《青禾市政府信息公开实施办法》第九条'],
        }),
        'this is not json',
        JSON.stringify({ question: '只有问题，没有答复' }),
        JSON.stringify({
          question: '停车场收费标准？',
          answer: '首小时2元。',
          cites: ['青禾市公共停车场管理办法(2023-06-15).md', '《不存在的条例》第一条'],
          posted_at: '2025-06-01',
        }),
        JSON.stringify({ question: '收费吗', answer: '不收费。', cites: [42] }),
        '',
      ].join('\n'),
    );
    const result = await importQuestionBank(sample.database, { path: file, maxBytes: MAX });
    expect(result.imported).toBe(2);
    expect(result.problems.map((problem) => [problem.line, problem.reason.split(';')[0]])).toEqual([
      [2, 'not valid JSON'],
      [3, 'no answer'],
      [4, '"《不存在的条例》第一条" names no current document in the index'],
      [5, 'cites must be text (《title》第X条, 《title》 or a document path)'],
    ]);
    const [deadline, parking] = await entriesFrom(file);
    expect(deadline!.citations).toEqual([
      expect.objectContaining({ articleLabel: '第九条', quote: expect.stringContaining('20个工作日内予以答复') }),
    ]);
    expect(parking!.citations).toEqual([
      { sourceUri: sample.folder.path('青禾市公共停车场管理办法(2023-06-15).md'), articleLabel: null, quote: '' },
    ]);
    expect(parking!.postedAt.toISOString().slice(0, 10)).toBe('2025-06-01');
  });

  it('imports a spreadsheet saved as CSV in GBK with Chinese column names, quoted commas and line breaks, and replaces its rows when imported again', async () => {
    // Saved by a spreadsheet in GBK: a quoted comma, a quoted line break, a row without a question, a bad date.
    const file = sample.folder.write('问答库.csv', readFileSync(join(FIXTURES, 'question-bank-gbk.csv')));
    const first = await importQuestionBank(sample.database, { path: file, maxBytes: MAX });
    expect(first.imported).toBe(2);
    expect(first.problems.map((problem) => problem.line)).toEqual([5, 6]);
    const [fee, complaint] = await entriesFrom(file);
    expect(fee!.question).toBe('申请公开政府信息，需要交费吗？');
    expect(complaint!.answer).toContain('\n也可以申请行政复议');
    expect(complaint!.citations.map((citation) => citation.articleLabel)).toEqual(['第十二条', '第十一条']);

    const again = await importQuestionBank(sample.database, { path: file, maxBytes: MAX });
    expect(again.imported).toBe(2);
    expect(await entriesFrom(file)).toHaveLength(2);
  });

  it('offers an imported answer to the reviewer of a similar question, naming where it came from', async () => {
    const similar = await closestApprovedAnswer(sample.database, { question: '申请公开政府信息需要交费吗？' });
    expect(similar).toMatchObject({ origin: 'import', caseId: null, source: expect.stringMatching(/问答库\.csv#2$/) });
  });

  it('refuses a CSV without question and answer columns, and a file over the size limit, saying what to fix', async () => {
    const noHeader = sample.folder.write('data.csv', 'a,b\n1,2\n');
    const result = await importQuestionBank(sample.database, { path: noHeader, maxBytes: MAX });
    expect(result).toMatchObject({ imported: 0, problems: [{ line: 1, reason: expect.stringContaining('问题') }] });
    const huge = sample.folder.write('huge.jsonl', 'x'.repeat(2048));
    await expect(importQuestionBank(sample.database, { path: huge, maxBytes: 1024 })).rejects.toThrow(
      /HUIYING_MAX_FILE_MB/,
    );
  });
});
