import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { extractMetadata, familyKey } from '../../ingest/extract-metadata.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { openTestPglite } from '../support/test-databases.ts';

describe('metadata from the text itself', () => {
  it('reads a 索引号 / 公开方式 / 发布机构 header table and a 信息来源 line', () => {
    const text = [
      '索引号 公开方式 发布机构',
      '116223010153210935/2018-14316 主动公开 青禾镇人民政府',
      '青禾镇2017年政府信息公开年度报告',
      '信息来源: 青禾镇人民政府 发布日期: 2018-02-01',
      '一、概述',
    ].join('\n');
    expect(extractMetadata({ text, sourceUri: 'report.txt', formatHints: {} })).toMatchObject({
      title: '青禾镇2017年政府信息公开年度报告',
      indexNumber: '116223010153210935/2018-14316',
      issuer: '青禾镇人民政府',
      publishedDate: '2018-02-01',
      docType: 'report',
    });
  });

  it('takes the 文号 out of a title and the signing date as the written date', () => {
    const text = [
      '青禾市人民政府办公室关于印发2024年政务公开工作要点的通知(青政办函〔2024〕12号)',
      '时间:2024-04-26 14:55 来源:市府办',
      '各区人民政府：',
      '青禾市人民政府办公室',
      '2024年4月20日',
      '正文。',
    ].join('\n');
    expect(extractMetadata({ text, sourceUri: 'notice.txt', formatHints: {} })).toMatchObject({
      title: '青禾市人民政府办公室关于印发2024年政务公开工作要点的通知',
      documentNumber: '青政办函〔2024〕12号',
      issuer: '青禾市人民政府办公室',
      writtenDate: '2024-04-20',
      publishedDate: '2024-04-26',
      docType: 'policy',
    });
  });

  it('classifies interpretations, FAQs, talking points, notices and repealed documents', () => {
    const kind = (title: string) => extractMetadata({ text: '正文。', sourceUri: 'x.txt', formatHints: { title } });
    expect(kind('《青禾市养老服务条例》政策解读')).toMatchObject({
      docType: 'interpretation',
      interprets: '青禾市养老服务条例',
    });
    expect(kind('依申请公开常见问题解答').docType).toBe('faq');
    expect(kind('关于暴雨内涝的回应口径').docType).toBe('talking-points');
    expect(kind('关于国庆节放假安排的通知').docType).toBe('notice');
    expect(kind('青禾市物业管理办法（已废止）').validity).toBe('废止');
  });

  it('groups editions by title regardless of 中华人民共和国 and revision notes', () => {
    expect(familyKey('中华人民共和国行政复议法')).toBe(familyKey('行政复议法（2017修正）'));
  });
});

describe('sidecars override extraction', () => {
  let database: Database;
  const folder = fixtureFolder();
  const embedder = new HashingEmbedder({ dimensions: 64 });

  beforeAll(async () => {
    database = await openTestPglite();
    folder.write(
      'policy.md',
      '# 青禾市养老服务条例\n\n第一条 为了发展养老服务，制定本条例。\n\n第二条 本条例自2024年1月1日起施行。\n',
    );
    folder.write(
      'policy.md.meta.json',
      JSON.stringify({
        documentNumber: '青禾市人大常委会公告第5号',
        issuer: '青禾市人民代表大会常务委员会',
        publishedDate: '2023-11-30',
      }),
    );
    folder.write('interpretation.txt', '《青禾市养老服务条例》解读\n\n一、为什么制定条例\n为了发展养老服务。\n');
    folder.write('old.txt', '青禾市老年人优待办法\n\n第一条 内容。\n第二条 内容。\n');
    folder.write(
      'huiying-manifest.jsonl',
      `${JSON.stringify({ path: 'old.txt', validity: '失效', type: 'regulation' })}\n`,
    );
  });
  afterAll(async () => {
    await database.close();
    folder.remove();
  });

  it('applies <file>.meta.json and manifest lines, links the interpretation to its policy, and hides expired documents', async () => {
    const summary = await ingestSources({ database, embedder, inputs: [folder.root] });
    expect(summary.failed).toEqual([]);
    const rows = await database.query<Record<string, unknown>>(
      `SELECT title, doc_type, document_number, issuer, to_char(published_date, 'YYYY-MM-DD') AS published, validity, interprets,
              (SELECT p.title FROM documents p WHERE p.id = d.interprets_document_id) AS interprets_title
       FROM documents d ORDER BY title`,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        title: '《青禾市养老服务条例》解读',
        doc_type: 'interpretation',
        interprets: '青禾市养老服务条例',
        interprets_title: '青禾市养老服务条例',
      }),
      expect.objectContaining({
        title: '青禾市养老服务条例',
        document_number: '青禾市人大常委会公告第5号',
        issuer: '青禾市人民代表大会常务委员会',
        published: '2023-11-30',
      }),
      expect.objectContaining({ title: '青禾市老年人优待办法', doc_type: 'regulation', validity: '失效' }),
    ]);
  });
});
