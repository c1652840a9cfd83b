import { describe, expect, it } from 'vitest';
import { allSupported, checkStatement } from '../../drafting/check-statement.ts';
import { splitStatement } from '../../text/split-statement.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
const check = (text: string, options: { officeContacts?: string[] } = {}) =>
  checkStatement({ database: sample.database, embedder: sample.embedder, text, ...options });

// True statements about the sample office (samples/office/), each in other words than its source.
const TRUE_STATEMENTS = [
  ['行政机关不能当场答复的，应当自收到申请之日起二十个工作日内予以答复。', '第九条'],
  ['依申请提供政府信息不收取费用。', '第十条'],
  ['《青禾市政府信息公开实施办法》（青政发〔2024〕3号）自2024年3月1日起施行。', '青禾市政府信息公开实施办法'],
  ['公共停车场首小时收费2元，之后每小时3元。', '第二条'],
  ['行政机关应当在每年1月31日前向社会公布上一年度政府信息公开工作年度报告。', '第十三条'],
  ['受影响路段已于6月19日12时前恢复通行。', '回应口径'],
  ['根据《青禾市政府信息公开实施办法》第九条，延长的期限最长不得超过二十个工作日。', '第九条'],
] as const;

describe('核稿: checking a statement against the knowledge base, sentence by sentence', () => {
  it('supports true statements written in other words, each with the passage it rests on', async () => {
    const result = await check(TRUE_STATEMENTS.map(([sentence]) => sentence).join(''));
    expect(result.sentences.map((sentence) => sentence.status)).toEqual(TRUE_STATEMENTS.map(() => 'supported'));
    result.sentences.forEach((sentence, index) => {
      expect(sentence.text).toBe(TRUE_STATEMENTS[index]![0]);
      expect(sentence.citations).toHaveLength(1);
      expect(sentence.citations[0]!.citation).toContain(TRUE_STATEMENTS[index]![1]);
      expect(sentence.citations[0]!.quote.length).toBeGreaterThan(0);
    });
    expect(allSupported(result)).toBe(true);
  });

  it.each([
    [
      'a changed number (Arabic)',
      '行政机关不能当场答复的，应当自收到申请之日起15个工作日内予以答复。',
      { kind: 'number', text: '15个工作日', expected: '20个工作日' },
    ],
    [
      'a changed number (Chinese numerals)',
      '行政机关不能当场答复的，应当自收到申请之日起三十个工作日内予以答复。',
      { kind: 'number', text: '三十个工作日', expected: '20个工作日' },
    ],
    [
      'a changed deadline',
      '行政机关应当在每年3月31日前向社会公布上一年度政府信息公开工作年度报告。',
      { kind: 'date', text: '3月31日', expected: '1月31日' },
    ],
    [
      'a wrong 文号',
      '《青禾市政府信息公开实施办法》（青政发〔2023〕5号）自2024年3月1日起施行。',
      { kind: 'document-number', text: '青政发〔2023〕5号', expected: '青政发〔2024〕3号' },
    ],
    [
      'a wrong article',
      '根据《青禾市政府信息公开实施办法》第十条，行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复。',
      { kind: 'article', text: '第十条', expected: '第9条' },
    ],
    [
      'a flipped negation (不予/予以)',
      '行政机关收到政府信息公开申请，能够当场答复的，应当当场不予答复。',
      { kind: 'negation', text: '应当当场不予答复', expected: '应当当场予以答复' },
    ],
    [
      'a dropped negation (收取 for 不收取)',
      '行政机关依申请提供政府信息，收取费用。',
      { kind: 'negation', text: '收取费用', expected: '不收取费用' },
    ],
    [
      'a foreign link',
      '申请人可以登录 http://qinghe-gov.example.com/apply?id=1 在线提交申请。',
      { kind: 'contact', text: 'http://qinghe-gov.example.com/apply?id=1' },
    ],
    [
      'a foreign phone number',
      '对答复不满意的，可以拨打13800138000投诉、举报。',
      { kind: 'contact', text: '13800138000' },
    ],
  ])('catches %s and says what the source has instead', async (_label, sentence, problem) => {
    const result = await check(`${TRUE_STATEMENTS[1]![0]}${sentence}`);
    expect(result.sentences[0]!.status).toBe('supported');
    const flagged = result.sentences[1]!;
    expect(flagged).toMatchObject({ text: sentence, status: 'mismatch', problems: [problem] });
    expect(flagged.citations).toHaveLength(1);
    expect(allSupported(result)).toBe(false);
  });

  it('calls a sentence no passage carries unsupported, and leaves a courtesy line alone', async () => {
    const result = await check('感谢您对我们工作的关注和支持。本市将于明年起对所有申请人发放补贴。');
    expect(result.sentences[0]).toMatchObject({ status: 'supported', citations: [], problems: [], formula: true });
    expect(result.sentences[1]).toMatchObject({
      status: 'unsupported',
      problems: [{ kind: 'no-source', text: '本市将于明年起对所有申请人发放补贴。' }],
    });
  });

  it("accepts the office's own contacts that no passage carries, and only those", async () => {
    const sentence = '如有疑问，可以向上一级行政机关投诉、举报，咨询电话0730-5180118。';
    expect((await check(sentence)).sentences[0]!.problems).toEqual([{ kind: 'contact', text: '0730-5180118' }]);
    expect((await check(sentence, { officeContacts: ['0730 5180118'] })).sentences[0]!.status).toBe('supported');
  });

  it('refuses an empty or oversized statement with a message saying what to do', async () => {
    await expect(check(' \n。')).rejects.toMatchObject({
      code: 'statement-invalid',
      message: expect.stringContaining('为空'),
    });
    await expect(check('依申请提供政府信息不收取费用。'.repeat(1_500))).rejects.toMatchObject({
      code: 'statement-invalid',
      message: expect.stringContaining('请分段核对'),
    });
  });
});

describe('splitting a statement into sentences', () => {
  it('keeps each sentence with its offsets, a line without a closing mark as its own, and a link whole', () => {
    const text = '关于政府信息公开的说明\n  行政机关不收取费用。详见 http://x.example/a?b=1 ！“请以权威发布为准。”';
    const sentences = splitStatement(text);
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      '关于政府信息公开的说明',
      '行政机关不收取费用。',
      '详见 http://x.example/a?b=1 ！',
      '“请以权威发布为准。”',
    ]);
    for (const sentence of sentences) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });
});
