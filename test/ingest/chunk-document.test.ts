import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../ingest/chunk-document.ts';

const STATUTE = [
  '第一章 总则',
  '第一条 为了规范政务公开，制定本办法。',
  '第二条 本办法适用于本市各级行政机关。',
  '第二章 依申请公开',
  '第一节 申请',
  '第三条 申请应当包括下列内容：',
  '（一）申请人的姓名；',
  '（二）申请公开的政府信息的名称。',
  '第四条 行政机关应当自收到申请之日起20个工作日内予以答复。',
].join('\n');

describe('chunking along the document structure', () => {
  it('makes one chunk per article with its chapter and section path, keeping list items inside the article', () => {
    const chunks = chunkDocument(STATUTE);
    expect(chunks.map((chunk) => chunk.articleLabel)).toEqual(['第一条', '第二条', '第三条', '第四条']);
    expect(chunks.map((chunk) => chunk.articleNumber)).toEqual([1, 2, 3, 4]);
    expect(chunks[2]!.headingPath).toEqual(['第二章 依申请公开', '第一节 申请']);
    expect(chunks[2]!.content).toBe(
      '第三条 申请应当包括下列内容：\n（一）申请人的姓名；\n（二）申请公开的政府信息的名称。',
    );
    expect(chunks[0]!.headingPath).toEqual(['第一章 总则']);
  });

  it('records offsets that select exactly the chunk text from the stored document', () => {
    for (const chunk of chunkDocument(STATUTE)) expect(STATUTE.slice(chunk.start, chunk.end)).toBe(chunk.content);
  });

  it('splits an article longer than the maximum at sentence ends, with overlap, and labels every piece', () => {
    const sentence = '行政机关应当依法及时准确地公开政府信息并接受社会监督。';
    const long = `第五条 ${sentence.repeat(12)}`;
    const chunks = chunkDocument(`第四条 短条文。\n${long}\n第六条 另一条。`, { maxChars: 120, overlapChars: 40 });
    const pieces = chunks.filter((chunk) => chunk.articleLabel === '第五条');
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(piece.content.length).toBeLessThanOrEqual(120);
    expect(pieces[1]!.start).toBeLessThan(pieces[0]!.end);
    expect(pieces[0]!.content.endsWith('。')).toBe(true);
    expect(chunks.at(-1)!.articleLabel).toBe('第六条');
  });

  it('follows 一、(一) 1. outlines in documents without articles', () => {
    const text = [
      '青禾市政务公开工作要点',
      '一、深化公开内容',
      '（一）加大重点领域公开。',
      '围绕群众关切事项公开财政预决算。',
      '1.严格规范信息公开，切实提高发布质量。行政规范性文件按八要素公开。',
      '二、加强平台建设',
      '整合政府网站。',
    ].join('\n');
    const chunks = chunkDocument(text);
    expect(chunks.map((chunk) => chunk.headingPath)).toEqual([
      [],
      ['一、深化公开内容', '（一）加大重点领域公开'],
      ['一、深化公开内容', '（一）加大重点领域公开', '1.严格规范信息公开'],
      ['二、加强平台建设'],
    ]);
    expect(chunks[1]!.content).toBe('（一）加大重点领域公开。\n围绕群众关切事项公开财政预决算。');
  });

  it('finds outline sections inside a single-line export', () => {
    const line = `国家税务总局青禾市税务局 为支持疫情防控，提出以下要求。 一、支持防控物资供应 ${'对生产重点物资的企业全额退还增值税增量留抵税额。'.repeat(8)} 二、支持医疗救治 ${'对医疗机构提供的医疗服务免征增值税。'.repeat(8)}`;
    const chunks = chunkDocument(line, { maxChars: 300, targetChars: 200 });
    expect(chunks.some((chunk) => chunk.headingPath[0]?.startsWith('二、支持医疗救治'))).toBe(true);
    for (const chunk of chunks) expect(line.slice(chunk.start, chunk.end)).toBe(chunk.content);
  });
});
