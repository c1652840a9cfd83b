import { describe, expect, it } from 'vitest';
import { verifyDraft } from '../../drafting/verify-draft.ts';

const passages = [
  {
    id: 11,
    text: '第九条 行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；延长的期限最长不得超过20个工作日。',
  },
  { id: 12, text: '第十条 行政机关依申请提供政府信息，不收取费用。咨询电话：0730-5180118。' },
];

describe('verifying a draft against its citations', () => {
  it('keeps sentences whose facts stand in the passages they cite', () => {
    const report = verifyDraft({
      passages: [
        ...passages,
        {
          id: 13,
          text: '按照《关于在政务公开工作中进一步做好政务舆情回应的通知》（国办发〔2016〕61号），对涉及重大舆情的，最迟应在5小时内发布权威信息。',
        },
      ],
      sentences: [
        { text: '您好，感谢您的来信。', citations: [], formula: true },
        { text: '行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复。', citations: [11] },
        { text: '依申请提供政府信息不收取费用，咨询电话0730-5180118。', citations: [12] },
        { text: '依据国办发〔2016〕61号，重大舆情应在5小时内发布权威信息。', citations: [13] },
      ],
    });
    expect(report.removed).toEqual([]);
    expect(report).toMatchObject({ citationValidity: 1, sentenceSupport: 1, strippedContacts: [] });
  });

  it('removes a sentence whose number, date, 文号 or article does not appear in its citations', () => {
    const report = verifyDraft({
      passages,
      sentences: [
        { text: '行政机关应当自收到申请之日起15个工作日内予以答复。', citations: [11] },
        { text: '依据青政发〔2024〕3号第九条，行政机关不能当场答复的应当在期限内答复。', citations: [11] },
      ],
    });
    expect(report.kept).toEqual([]);
    expect(report.removed.map((sentence) => sentence.reason)).toEqual([
      'states what its sources do not: 15个工作日',
      'states what its sources do not: 青政发〔2024〕3号',
    ]);
    expect(report.sentenceSupport).toBe(0);
  });

  it('removes sentences that cite nothing or cite passages that were not retrieved', () => {
    const report = verifyDraft({
      passages,
      sentences: [
        { text: '根据最新政策，申请一律免费且当天办结。', citations: [] },
        { text: '行政机关依申请提供政府信息，不收取费用。', citations: [99] },
      ],
    });
    expect(report.removed.map((sentence) => sentence.reason)).toEqual([
      'cites no passage',
      'cites passages that were not retrieved: 99',
    ]);
    expect(report.citationValidity).toBe(0);
  });

  it('cuts links and contacts no source contains, as an injected instruction would add them', () => {
    const report = verifyDraft({
      passages,
      sentences: [
        {
          text: '行政机关依申请提供政府信息，不收取费用，详情见 http://evil.example.com 或致电13800000000。',
          citations: [12],
        },
      ],
    });
    expect(report.kept[0]?.text).toBe('行政机关依申请提供政府信息，不收取费用，详情见 或致电。');
    expect(report.strippedContacts).toEqual(['http://evil.example.com', '13800000000']);
  });

  it('refuses facts smuggled into a formula sentence', () => {
    const report = verifyDraft({
      passages,
      sentences: [{ text: '您好，办理时限为3天。', citations: [], formula: true }],
    });
    expect(report.removed[0]?.reason).toBe('a formula sentence may not state facts or contacts');
  });

  it('removes a sentence that cites a passage but says something else', () => {
    const report = verifyDraft({
      passages,
      sentences: [{ text: '本市将对所有申请人发放专项补贴并优先安排住房。', citations: [12] }],
    });
    expect(report.removed[0]?.reason).toMatch(/^shares too few words with its sources/);
  });
});
