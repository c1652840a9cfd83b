import { describe, expect, it } from 'vitest';
import { findArticleReferences } from '../../retrieval/article-reference.ts';
import { bm25Score, termPositions } from '../../retrieval/bm25-rerank.ts';
import { parseChineseNumber, toChineseNumber } from '../../text/chinese-numerals.ts';
import { expandQuery } from '../../retrieval/expand-query.ts';
import { fuseRankings } from '../../retrieval/fuse-rankings.ts';
import { segment } from '../../text/segmenter.ts';

describe('reading the question', () => {
  it('converts article numbers both ways', () => {
    for (const [number, chinese] of [
      [1, '一'],
      [10, '十'],
      [13, '十三'],
      [33, '三十三'],
      [107, '一百零七'],
      [110, '一百一十'],
      [1260, '一千二百六十'],
    ] as const) {
      expect(toChineseNumber(number)).toBe(chinese);
      expect(parseChineseNumber(chinese)).toBe(number);
    }
    expect(parseChineseNumber('33')).toBe(33);
    expect(parseChineseNumber('三十x')).toBeUndefined();
  });

  it('finds article references with and without a law name', () => {
    expect(findArticleReferences('请问政府信息公开条例第三十三条规定的期限是多久')).toEqual([
      { lawName: '政府信息公开条例', articleNumber: 33, text: '请问政府信息公开条例第三十三条' },
    ]);
    expect(findArticleReferences('《民法典》第1165条')).toEqual([
      expect.objectContaining({ lawName: '民法典', articleNumber: 1165 }),
    ]);
    expect(findArticleReferences('依据第33条')).toEqual([
      expect.objectContaining({ lawName: undefined, articleNumber: 33 }),
    ]);
  });

  it('keeps government terms whole and drops question words and article-number pieces', () => {
    const terms = segment('依申请公开的政府信息公开条例第三十三条怎么办');
    expect(terms).toContain('依申请公开');
    expect(terms).toContain('政府信息公开');
    expect(terms).not.toContain('怎么办');
    expect(terms).not.toContain('三十三');
  });

  it('adds legal terms for colloquial wording at a lower weight', () => {
    const { terms } = expandQuery('老板拖欠工资怎么办');
    expect(terms).toContainEqual({ term: '工资', weight: 1 });
    expect(terms).toContainEqual({ term: '劳动报酬', weight: 0.5 });
    expect(terms).toContainEqual({ term: '用人单位', weight: 0.5 });
  });

  it('scores term frequency with saturation and rewards words that stand together', () => {
    const terms = [
      { term: '保证', weight: 2 },
      { term: '期间', weight: 2 },
    ];
    const pairs = [[terms[0]!, terms[1]!]] as const;
    const together = bm25Score({
      positions: termPositions('保证 期间 确定 保证 责任'),
      terms,
      pairs,
      averageLength: 5,
    });
    const apart = bm25Score({ positions: termPositions('期间 确定 保证 责任 其他'), terms, pairs, averageLength: 5 });
    expect(together).toBeGreaterThan(apart);
  });

  it('fuses rankings by reciprocal rank with per-list weights', () => {
    const fused = fuseRankings([
      {
        results: [
          { chunkId: 1, score: 9 },
          { chunkId: 2, score: 8 },
        ],
      },
      {
        results: [
          { chunkId: 2, score: 0.9 },
          { chunkId: 3, score: 0.8 },
        ],
        weight: 0.5,
      },
    ]);
    expect(fused.map((result) => result.chunkId)).toEqual([2, 1, 3]);
  });
});
