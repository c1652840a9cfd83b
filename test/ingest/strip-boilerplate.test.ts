import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../ingest/extract-document.ts';
import { stripBoilerplate } from '../../ingest/strip-boilerplate.ts';
import { SHARED } from '../support/fixture-folder.ts';

const SEEDS = join(SHARED, 'seeds');
const FURNITURE = [
  '快捷搜索',
  '当前位置',
  '扫一扫在手机打开当前页',
  '您可能还会对下面的文章感兴趣',
  'Produced By',
  '浏览次数',
];

describe('stripping site boilerplate', () => {
  it('removes navigation, breadcrumbs, counters, share bars, footers and related-article lists', () => {
    const page = [
      '快捷搜索:论文 合同 演讲',
      '当前位置:首页',
      '>政府信息公开>青禾镇>政府信息公开年报>2023',
      '青禾镇2023年政府信息公开年度报告',
      '信息来源: 青禾镇人民政府 发布日期: 2024-01-20 浏览次数: 318',
      '一、总体情况',
      '2023年，我镇主动公开政府信息120条。',
      '【打印本页】 【关闭窗口】',
      '扫一扫在手机打开当前页',
      '您可能还会对下面的文章感兴趣:',
      '青禾镇2022年政府信息公开年度报告',
    ].join('\n');
    expect(stripBoilerplate(page)).toBe(
      [
        '青禾镇2023年政府信息公开年度报告',
        '信息来源: 青禾镇人民政府 发布日期: 2024-01-20',
        '一、总体情况',
        '2023年，我镇主动公开政府信息120条。',
      ].join('\n'),
    );
  });

  it('keeps the first of a title the page template printed twice', () => {
    expect(stripBoilerplate('政务公开工作要点落实情况\n\n政务公开工作要点落实情况\n正文。')).toBe(
      '政务公开工作要点落实情况\n\n正文。',
    );
  });

  const seeds = existsSync(SEEDS) ? readdirSync(SEEDS) : [];
  if (seeds.length === 0) console.warn(`[skipped] real seed documents: ${SEEDS} is absent (it is present in CI).`);
  it.skipIf(seeds.length === 0).each(seeds)('cleans the real seed document %s and keeps its body', async (name) => {
    const raw = readFileSync(join(SEEDS, name), 'utf8');
    const extracted = await extractDocument(readFileSync(join(SEEDS, name)), { format: 'text', source: name });
    for (const furniture of FURNITURE) expect(extracted.text).not.toContain(furniture);
    // The body survives: most of the text is kept and a sentence from the middle is still there.
    expect(extracted.text.length).toBeGreaterThan(raw.length * 0.8);
    const middle = raw
      .split('\n')
      .filter((line) => line.trim().length > 40)[3]!
      .trim()
      .replace(/^>\s*/, '');
    expect(extracted.text).toContain(middle.slice(0, 30));
  });
});
