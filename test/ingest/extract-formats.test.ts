import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../ingest/extract-document.ts';
import { extractMetadata } from '../../ingest/extract-metadata.ts';
import { makeDocx } from '../support/make-docx.ts';
import { makePdf } from '../support/make-pdf.ts';
import { SAMPLE_OFFICE } from '../support/fixture-folder.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

describe('extracting each format', () => {
  it('reads a statute in Markdown: title, promulgation header out of the body, articles kept', async () => {
    const bytes = readFileSync(join(SAMPLE_OFFICE, '青禾市公共停车场管理办法(2023-06-15).md'));
    const extracted = await extractDocument(bytes, { format: 'markdown', source: 'parking.md' });
    expect(extracted.hints).toMatchObject({
      title: '青禾市公共停车场管理办法',
      documentNumber: '青禾市人民政府令第31号',
      publishedDate: '2023-06-15',
    });
    expect(extracted.text).not.toContain('INFO END');
    expect(extracted.text).toMatch(/^（本文件为虚构示例/);
    expect(extracted.text).toContain('第二条 公共停车场实行政府指导价');
  });

  it('decodes GBK plain text', async () => {
    const extracted = await extractDocument(readFileSync(join(FIXTURES, 'gbk-notice.txt')), {
      format: 'text',
      source: 'gbk-notice.txt',
    });
    expect(extracted.encoding).toBe('gb18030');
    expect(extracted.text).toContain('家庭人均住房面积低于15平方米');
  });

  it('decodes UTF-16 text with a byte order mark', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('第一条 公开是原则，不公开是例外。', 'utf16le'),
    ]);
    const extracted = await extractDocument(bytes, { format: 'text', source: 'utf16.txt' });
    expect(extracted.text).toBe('第一条 公开是原则，不公开是例外。');
  });

  it('reads a GB2312 web page by its meta charset and leaves navigation, share bar and footer out', async () => {
    const bytes = readFileSync(join(SAMPLE_OFFICE, '青禾市政务服务中心调整节假日服务时间的通告.html'));
    const extracted = await extractDocument(bytes, { format: 'html', source: 'notice.html' });
    expect(extracted.encoding).toBe('gb18030');
    expect(extracted.text).toContain('节假日不打烊');
    for (const furniture of ['首页', '分享到', '扫一扫', '版权所有', '统计代码', 'ICP备'])
      expect(extracted.text).not.toContain(furniture);
    expect(extracted.hints).toMatchObject({
      indexNumber: '11330100QH0001/2024-00087',
      documentNumber: '青政服〔2024〕9号',
      writtenDate: '2024-09-20',
      publishedDate: '2024-09-23',
    });
  });

  it('reads the information table of a gov.cn-style page', async () => {
    const bytes = readFileSync(join(FIXTURES, 'govcn-style-page.html'));
    const extracted = await extractDocument(bytes, { format: 'html', source: 'page.html' });
    const metadata = extractMetadata({ text: extracted.text, sourceUri: 'page.html', formatHints: extracted.hints });
    expect(metadata).toMatchObject({
      title: '青禾市人民政府办公室关于印发《青禾市老旧小区改造实施方案》的通知',
      indexNumber: '11330100QH0001/2023-00412',
      issuer: '青禾市人民政府办公室',
      documentNumber: '青政办发〔2023〕27号',
      writtenDate: '2023-11-02',
      publishedDate: '2023-11-08',
      topic: '城乡建设、环境保护\\城市规划',
      docType: 'policy',
    });
    expect(extracted.text).not.toContain('索 引 号');
  });

  it('reads the text layer of a PDF and joins lines broken inside a sentence', async () => {
    const pdf = makePdf([
      '青禾市居民生活垃圾分类管理规定',
      '第一条 为了推进生活垃圾分类，改善人居环境，',
      '制定本规定。',
      '第二条 本规定自2024年1月1日起施行。',
    ]);
    const extracted = await extractDocument(pdf, { format: 'pdf', source: 'rules.pdf' });
    expect(extracted.text).toBe(
      '青禾市居民生活垃圾分类管理规定\n第一条 为了推进生活垃圾分类，改善人居环境，制定本规定。\n第二条 本规定自2024年1月1日起施行。',
    );
  });

  it('reads the paragraphs of a Word document', async () => {
    const docx = makeDocx(['青禾市养老服务补贴办法', '第一条 年满80周岁的本市户籍老人，每月发放高龄津贴100元。']);
    const extracted = await extractDocument(docx, { format: 'docx', source: 'subsidy.docx' });
    expect(extracted.text).toBe('青禾市养老服务补贴办法\n\n第一条 年满80周岁的本市户籍老人，每月发放高龄津贴100元。');
  });

  it('takes front matter as metadata and keeps it out of the text', async () => {
    const bytes = Buffer.from('---\n文号: 青政发〔2024〕3号\n类型: regulation\n---\n# 标题\n\n第一条 内容。\n', 'utf8');
    const extracted = await extractDocument(bytes, { format: 'markdown', source: 'front.md' });
    expect(extracted.frontMatter).toEqual({ 文号: '青政发〔2024〕3号', 类型: 'regulation' });
    expect(extracted.text).toBe('第一条 内容。');
  });
});
