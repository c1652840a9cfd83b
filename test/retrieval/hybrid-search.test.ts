import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { reindexDocuments } from '../../ingest/reindex-documents.ts';
import { formatCitation } from '../../retrieval/format-citation.ts';
import { hybridSearch, type SearchResult } from '../../retrieval/hybrid-search.ts';
import { sampleQueries, warmUpSearch } from '../../retrieval/warm-up-search.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

describe('hybrid search over the sample office', () => {
  const office = useSampleOfficeDatabase();
  const { embedder, folder } = office;
  const search = (query: string, extra: Partial<Parameters<typeof hybridSearch>[0]> = {}) =>
    hybridSearch({ database: office.database, embedder, query, limit: 5, ...extra });
  const titles = (results: SearchResult[]) => [...new Set(results.map((result) => result.document.title))];

  it('answers a citizen question with the governing article and its exact span in the stored text', async () => {
    const [first] = await search('申请公开政府信息，多长时间能得到答复？');
    expect(first).toBeDefined();
    const body = await office.database.query<{ body: string }>('SELECT body FROM documents WHERE id = $1', [
      first!.document.id,
    ]);
    expect(body[0]!.body.slice(first!.start, first!.end)).toBe(first!.content);
    expect(first!.content).toContain('20个工作日内');
  });

  it('looks up an article named in the question, by law name or in the documents already found', async () => {
    const [named] = await search('青禾市政府信息公开实施办法第十条怎么规定的');
    expect(named).toMatchObject({ articleLabel: '第十条', matchedBy: expect.arrayContaining(['article-reference']) });
    expect(formatCitation(named!)).toBe('《青禾市政府信息公开实施办法》（青政发〔2024〕3号）第十条');
    const [numbered] = await search('政府信息公开申请 第8条');
    expect(numbered).toMatchObject({ articleLabel: '第八条', articleNumber: 8 });
  });

  it('filters by document type, issuer and publication date', async () => {
    expect(titles(await search('政府信息公开 申请 答复', { filters: { types: ['faq'] } }))).toEqual([
      '青禾市依申请公开常见问题解答',
    ]);
    expect(titles(await search('政府信息公开 申请 答复', { filters: { types: ['interpretation'] } }))).toEqual([
      '《青禾市政府信息公开实施办法》政策解读',
    ]);
    const byIssuer = await search('服务时间 节假日', { filters: { issuer: '政务服务管理办公室' } });
    expect(titles(byIssuer)).toEqual(['青禾市政务服务中心调整节假日服务时间的通告']);
    const early = await search('政府信息公开', { filters: { to: '2024-01-31' } });
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((result) => result.document.publishedDate! <= '2024-01-31')).toBe(true);
  });

  it('keeps the keyword ranking on top and lets the offline vectors fill in after it', async () => {
    const query = '节假日 停车 收费';
    const keyword = await search(query, { mode: 'lexical', limit: 40 });
    const hybrid = await search(query, { limit: 40 });
    expect(keyword.length).toBeGreaterThan(0);
    expect(keyword.length).toBeLessThan(40);
    expect(hybrid.slice(0, keyword.length).map((result) => result.chunkId)).toEqual(
      keyword.map((result) => result.chunkId),
    );
    expect(hybrid.length).toBeGreaterThan(keyword.length);
    expect(hybrid.slice(keyword.length).every((result) => result.matchedBy.includes('vector'))).toBe(true);
  });

  it('finds no keyword or article match for an unknown topic in any mode, and marks what the vectors offer as theirs alone', async () => {
    const query = '量子计算机芯片专利';
    expect(await search(query, { mode: 'lexical' })).toEqual([]);
    // Vector search always has nearest neighbours; for a topic the corpus lacks they must not pass for evidence.
    for (const mode of ['hybrid', 'vector'] as const) {
      const results = await search(query, { mode });
      expect(results.filter((result) => result.matchedBy.join() !== 'vector')).toEqual([]);
    }
  });

  it('warms the index with searches made from the corpus, different passages for the bench, and stops when asked', async () => {
    const queries = await sampleQueries(office.database, 10);
    expect(queries).toHaveLength(10);
    expect(queries.every((query) => query.length > 0 && query.length <= 24 && !/^第.{1,8}条/.test(query))).toBe(true);
    const others = await sampleQueries(office.database, 10, { offset: 1 });
    expect(others.filter((query) => queries.includes(query))).toEqual([]);
    // Each sampled query finds the passage it was cut from.
    const [found] = await hybridSearch({
      database: office.database,
      embedder,
      query: queries[3]!,
      limit: 3,
      mode: 'lexical',
    });
    expect(found?.content).toContain(queries[3]!.slice(0, 8));
    expect(await warmUpSearch({ database: office.database, embedder, queries: 10 })).toMatchObject({ queries: 10 });
    let asked = 0;
    expect(
      await warmUpSearch({ database: office.database, embedder, queries: 10, shouldStop: () => ++asked > 4 }),
    ).toMatchObject({ queries: 4 });
  });

  it('refuses to mix embedders and names `huiying reindex`, which fixes it', async () => {
    const other = new HashingEmbedder({ dimensions: 32 });
    await expect(ingestSources({ database: office.database, embedder: other, inputs: [folder.root] })).rejects.toThrow(
      /huiying reindex/,
    );
    const result = await reindexDocuments({ database: office.database, embedder: other });
    expect(result.documents).toBe(7);
    const [first] = await hybridSearch({ database: office.database, embedder: other, query: '停车 收费', limit: 1 });
    expect(first?.document.title).toBe('青禾市公共停车场管理办法');
    await reindexDocuments({ database: office.database, embedder });
  });
});
