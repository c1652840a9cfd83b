import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { draftAnswer } from '../../drafting/draft-answer.ts';
import { ExtractiveDrafter } from '../../drafting/extractive-drafter.ts';
import { loadGuidanceTable } from '../../drafting/guidance-table.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { formatCitation } from '../../retrieval/format-citation.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import { preferNational } from '../../retrieval/prefer-national.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { openTestPglite } from '../support/test-databases.ts';

const FEE = '物业服务收费应当遵循合理、公开以及费用与服务水平相适应的原则，业主应当按照约定按时交纳物业费。';

const statute = (options: { title: string; issuer: string; article: string }) =>
  `---\n发布机构: ${options.issuer}\n---\n# ${options.title}\n\n第一条 为了规范物业管理活动，制定本条例。\n\n第二条 本条例适用于物业管理活动。\n\n${options.article} ${FEE}\n`;

describe('jurisdiction (属地): the sample office and other cities', () => {
  const folder = fixtureFolder({ withSampleOffice: true });
  const embedder = new HashingEmbedder({ dimensions: 64 });
  let database: Database;
  beforeAll(async () => {
    // Two other cities' regulations and a national one, all saying the same about property fees.
    for (const { title, issuer } of [
      { title: '郑州市物业管理条例', issuer: '郑州市人民代表大会常务委员会' },
      { title: '潍坊市物业管理条例', issuer: '潍坊市人民代表大会常务委员会' },
      { title: '青禾市物业管理办法', issuer: '青禾市人民政府' },
    ])
      folder.write(`${title}.md`, statute({ title, issuer, article: '第二十条' }));
    folder.write('物业管理条例.md', statute({ title: '物业管理条例', issuer: '国务院', article: '第四十条' }));
    database = await openTestPglite();
    await ingestSources({ database, embedder, inputs: [folder.root] });
  });
  afterAll(async () => {
    await database.close();
    folder.remove();
  });
  const question = '小区物业费应该怎么交纳？收费有什么原则？';
  const titles = (results: Awaited<ReturnType<typeof hybridSearch>>) => results.map((result) => result.document.title);

  it('finds every region without a filter, each local citation naming its region', async () => {
    const results = await hybridSearch({ database, embedder, query: question, limit: 10 });
    expect(titles(results)).toEqual(
      expect.arrayContaining(['郑州市物业管理条例', '潍坊市物业管理条例', '物业管理条例']),
    );
    const weifang = results.find((result) => result.document.title === '潍坊市物业管理条例')!;
    expect(formatCitation(weifang)).toBe('《潍坊市物业管理条例》（山东省潍坊市）第二十条');
    const national = results.find((result) => result.document.title === '物业管理条例')!;
    expect(formatCitation(national)).toBe('《物业管理条例》第四十条');
  });

  it.each(['hybrid', 'vector', 'lexical'] as const)(
    'with a jurisdiction, finds only national documents and those of the office’s region (%s search)',
    async (mode) => {
      const results = await hybridSearch({
        database,
        embedder,
        query: question,
        mode,
        limit: 10,
        filters: { jurisdiction: ['某某省', '青禾市', '临江区'] },
      });
      expect(titles(results)).toContain('物业管理条例');
      expect(titles(results)).toContain('青禾市物业管理办法');
      expect(titles(results).some((title) => /郑州|潍坊/.test(title))).toBe(false);
    },
  );

  it('drafts for the office from national law and its own city only, national first', async () => {
    const draft = await draftAnswer({
      database,
      embedder,
      model: new ExtractiveDrafter(),
      question,
      audience: 'citizen',
      profile: { officeName: '青禾市人民政府办公室', guidance: loadGuidanceTable(), jurisdiction: ['青禾市'] },
      answerabilityModel: undefined,
    });
    expect(draft.refused).toBe(false);
    expect(draft.sources.map((source) => source.citation).join('\n')).not.toMatch(/郑州|潍坊/);
    // The same text in four documents is cited once, from the national regulation.
    expect(draft.sources.filter((source) => source.quote.includes(FEE))).toHaveLength(1);
    expect(draft.sources[0]!.citation).toBe('《物业管理条例》第四十条');
  });

  it('puts a national passage ahead of a local one of nearly equal score, but not of a clearly better one', () => {
    const local = { score: 1 / 61, document: { region: ['山东省'] } };
    const national = { score: 1 / 62, document: { region: [] } };
    const far = { score: 1 / 64, document: { region: [] } };
    expect(preferNational([local, national], { pinned: new Set() })).toEqual([national, local]);
    expect(preferNational([local, far], { pinned: new Set() })).toEqual([local, far]);
    expect(preferNational([local, national], { pinned: new Set([local]) })).toEqual([local, national]);
  });
});
