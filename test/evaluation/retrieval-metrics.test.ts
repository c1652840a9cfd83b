import { describe, expect, it } from 'vitest';
import { matchesArticle, matchesDocument, scoreItem } from '../../evaluation/retrieval-metrics.ts';

const gold = {
  doc: 'law/民事诉讼法(2021).md',
  article: '第一百一十五条',
  quote: '当事人之间恶意串通，企图通过诉讼、调解等方式侵害他人合法权益的',
  alt_docs: ['law/民事诉讼法(2023).md'],
};

describe('retrieval metrics', () => {
  it('matches the gold article by label in the gold document and by quote in an alternative version', () => {
    expect(matchesArticle({ doc: gold.doc, articleLabel: '第一百一十五条', content: '…' }, gold)).toBe(true);
    expect(
      matchesArticle(
        {
          doc: 'law/民事诉讼法(2023).md',
          articleLabel: '第一百一十六条',
          content: '第一百一十六条 当事人之间恶意串通，企图通过诉讼、调解等方式侵害他人合法权益的，人民法院应当驳回',
        },
        gold,
      ),
    ).toBe(true);
    expect(
      matchesArticle({ doc: 'law/民事诉讼法(2023).md', articleLabel: '第一百一十五条', content: '其他内容' }, gold),
    ).toBe(false);
    expect(matchesDocument({ doc: 'law/民事诉讼法(2023).md', articleLabel: null, content: '' }, gold)).toBe(true);
  });

  it('counts the share of gold references found within each cutoff and the rank of the first', () => {
    const second = { doc: 'law/b.md', article: '第二条', quote: 'x' };
    const passages = [
      { doc: 'law/c.md', articleLabel: '第一条', content: '' },
      { doc: 'law/b.md', articleLabel: '第二条', content: '' },
      ...Array.from({ length: 20 }, () => ({ doc: 'law/z.md', articleLabel: null, content: '' })),
      { doc: gold.doc, articleLabel: gold.article, content: '' },
    ];
    expect(scoreItem(passages, [gold, second], matchesArticle)).toEqual({
      'recall@1': 0,
      'recall@5': 0.5,
      'recall@10': 0.5,
      'recall@100': 1,
      'mrr@10': 0.5,
    });
  });
});
