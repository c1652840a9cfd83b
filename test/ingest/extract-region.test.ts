import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { extractRegion, inJurisdiction, parseRegionPath } from '../../ingest/extract-region.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { fixtureFolder, SHARED } from '../support/fixture-folder.ts';
import { openTestPglite } from '../support/test-databases.ts';

describe('the region a document has force in (属地)', () => {
  it('reads the places at the start of the issuer, down to the county, and adds the province of a known city', () => {
    expect(extractRegion({ title: '关于调整公交线路的通告', issuer: '杭州市建德市人民政府' })).toEqual([
      '浙江省',
      '杭州市',
      '建德市',
    ]);
    expect(extractRegion({ title: '潍坊市物业管理条例', issuer: '潍坊市人民代表大会常务委员会' })).toEqual([
      '山东省',
      '潍坊市',
    ]);
    expect(extractRegion({ title: '关于做好春运工作的通知', issuer: '上海市浦东新区人民政府' })).toEqual([
      '上海市',
      '浦东新区',
    ]);
    expect(extractRegion({ title: '青禾市公共停车场管理办法', issuer: '青禾市人民政府' })).toEqual(['青禾市']);
  });

  it('joins what the issuer and the title say when they fit, and trusts the issuer when they do not', () => {
    // A city's regulation approved by the province: 广东省人大常委会 批准 《清远市…条例》.
    expect(extractRegion({ title: '清远市住宅小区物业管理条例', issuer: '广东省人民代表大会常务委员会' })).toEqual([
      '广东省',
      '清远市',
    ]);
    expect(extractRegion({ title: '郑州市物业管理条例', issuer: '浙江省人民政府' })).toEqual(['浙江省']);
    expect(extractRegion({ title: '深圳经济特区数据条例' })).toEqual(['广东省', '深圳市']);
    expect(extractRegion({ title: '中国（上海）自由贸易试验区条例' })).toEqual(['上海市']);
  });

  it('gives national documents no region, whatever place their title names', () => {
    expect(extractRegion({ title: '香港特别行政区基本法', issuer: '全国人民代表大会' })).toEqual([]);
    expect(extractRegion({ title: '关于进一步加强县域医疗救治工作的通知', issuer: '国家卫生健康委办公厅' })).toEqual(
      [],
    );
    expect(extractRegion({ title: '工伤保险条例', issuer: '国务院' })).toEqual([]);
    expect(extractRegion({ title: '关于做好劳动合同管理工作的通知', issuer: '人力资源社会保障部' })).toEqual([]);
  });

  it('does not read ordinary words that end like a place as one (民族区域, 经济区, 市场, 开发区)', () => {
    for (const title of [
      '民族区域自治法',
      '专属经济区和大陆架法',
      '城市居民委员会组织法',
      '市场监督管理行政处罚程序规定',
    ])
      expect(extractRegion({ title })).toEqual([]);
    // A name the gazetteer does not know counts only when the issuer says it.
    expect(extractRegion({ title: '临江区老旧小区改造办法' })).toEqual([]);
    expect(extractRegion({ title: '临江区老旧小区改造办法', issuer: '某某经济技术开发区管委会' })).toEqual([]);
  });

  it('reads a region written by a person, with short names, or 全国; a bad one is undefined', () => {
    expect(parseRegionPath('浙江省/杭州市/建德市')).toEqual(['浙江省', '杭州市', '建德市']);
    expect(parseRegionPath('杭州/建德市')).toEqual(['浙江省', '杭州市', '建德市']);
    expect(parseRegionPath('全国')).toEqual([]);
    expect(parseRegionPath('浙江省/不是地名')).toBeUndefined();
  });

  it('puts a document in force in a jurisdiction when every place it names is on the chain', () => {
    const jurisdiction = ['浙江省', '杭州市', '建德市'];
    expect(inJurisdiction([], jurisdiction)).toBe(true);
    expect(inJurisdiction(['浙江省'], jurisdiction)).toBe(true);
    expect(inJurisdiction(['浙江省', '杭州市', '建德市'], jurisdiction)).toBe(true);
    expect(inJurisdiction(['浙江省', '宁波市'], jurisdiction)).toBe(false);
    expect(inJurisdiction(['山东省', '潍坊市'], jurisdiction)).toBe(false);
    // A sibling county of the same city is not in force here.
    expect(inJurisdiction(['浙江省', '杭州市', '淳安县'], jurisdiction)).toBe(false);
  });
});

describe('regions stored at ingest', () => {
  const folder = fixtureFolder({ withSampleOffice: true });
  const embedder = new HashingEmbedder({ dimensions: 64 });
  let database: Database;
  beforeAll(async () => {
    folder.write(
      '潍坊市物业管理条例.md',
      '# 潍坊市物业管理条例\n\n2020年9月25日 潍坊市第十七届人民代表大会常务委员会第二十八次会议通过\n\n<!-- INFO END -->\n\n第一条 为了规范物业管理活动，制定本条例。\n',
    );
    folder.write('本县停车收费说明.md', '# 停车收费说明\n\n第一条 本县公共停车场实行政府指导价。\n');
    folder.write('本县停车收费说明.md.meta.json', JSON.stringify({ region: '浙江省/杭州市/建德市' }));
    folder.write('bad-region.md', '# 说明\n\n正文。\n');
    folder.write('bad-region.md.meta.json', JSON.stringify({ region: '火星/奥林帕斯山' }));
    database = await openTestPglite();
    await ingestSources({ database, embedder, inputs: [folder.root] });
  });
  afterAll(async () => {
    await database.close();
    folder.remove();
  });
  const regionOf = async (title: string) =>
    (await database.query<{ region: string[] }>('SELECT region FROM documents WHERE title = $1', [title]))[0]?.region;

  it('records the sample office as 青禾市, another city under its province, and a sidecar region over extraction', async () => {
    expect(await regionOf('青禾市政府信息公开实施办法')).toEqual(['青禾市']);
    expect(await regionOf('潍坊市物业管理条例')).toEqual(['山东省', '潍坊市']);
    expect(await regionOf('停车收费说明')).toEqual(['浙江省', '杭州市', '建德市']);
  });

  it('fails a document whose sidecar region is not a place, saying how to write one', async () => {
    const rows = await database.query('SELECT 1 FROM documents WHERE title = $1', ['说明']);
    expect(rows).toHaveLength(0);
  });

  it('fills in the region of documents stored before regions were recorded, at the next ingest', async () => {
    await database.query(`UPDATE documents SET region = NULL WHERE title = '潍坊市物业管理条例'`);
    await ingestSources({ database, embedder, inputs: [folder.root] });
    expect(await regionOf('潍坊市物业管理条例')).toEqual(['山东省', '潍坊市']);
  });
});

describe('regions of the corpus local-regulation folder (DLC)', () => {
  const dlc = join(SHARED, 'corpus', 'lawrefbook', 'DLC');
  const available = existsSync(dlc);
  if (!available) console.log(`[skipped] regions of the DLC folder: ${dlc} is not there`);
  it.skipIf(!available)(
    'places every local regulation in a region, under the province of its folder, and cities under their province',
    async () => {
      const { discoverSources } = await import('../../ingest/discover-sources.ts');
      const { readFileSync } = await import('node:fs');
      const { extractDocument } = await import('../../ingest/extract-document.ts');
      const { extractMetadata } = await import('../../ingest/extract-metadata.ts');
      const { sources } = discoverSources([dlc]);
      const provinceOfFolder: Record<string, string> = {
        上海: '上海市',
        北京: '北京市',
        山东: '山东省',
        广东: '广东省',
        河南: '河南省',
        浙江: '浙江省',
        重庆: '重庆市',
      };
      let placed = 0;
      for (const source of sources) {
        if (source.kind !== 'file') continue;
        const extracted = await extractDocument(readFileSync(source.path), {
          format: 'markdown',
          source: source.uri,
        }).catch(() => undefined);
        if (!extracted) continue; // a file with no text (one in the corpus) is not ingested at all
        const metadata = extractMetadata({ text: extracted.text, sourceUri: source.uri, formatHints: extracted.hints });
        const folderProvince = provinceOfFolder[/DLC\/(.+?)地方法规/.exec(source.path)![1]!]!;
        expect(metadata.region?.length, source.path).toBeGreaterThan(0);
        // An autonomous county's own regulation (景宁畲族自治县…) names no province; everything else is placed under it.
        if (!/自治县/.test(metadata.region![0]!)) expect(metadata.region![0], source.path).toBe(folderProvince);
        placed += 1;
      }
      expect(placed).toBeGreaterThan(400);
      const qingdao = sources.find((source) => source.kind === 'file' && source.path.includes('青岛市'))!;
      if (qingdao.kind !== 'file') throw new Error('the DLC folder holds files');
      const extracted = await extractDocument(readFileSync(qingdao.path), { format: 'markdown', source: qingdao.uri });
      const metadata = extractMetadata({ text: extracted.text, sourceUri: qingdao.uri, formatHints: extracted.hints });
      expect(metadata.region).toEqual(['山东省', '青岛市']);
    },
  );
});
