import { describe, expect, it } from 'vitest';
import { emptyDraftForm, isFragment, measureDraftForm, quotedUnits } from '../../evaluation/measure-draft-form.ts';

describe('measuring the form of drafts', () => {
  it('counts a clause cut out of its provision as a fragment, and an attributed whole provision as none', () => {
    expect(isFragment('克扣或者无故拖欠劳动者工资的；')).toBe(true);
    expect(isFragment('（三）未依法为劳动者缴纳社会保险费的')).toBe(true);
    expect(isFragment('用人单位有下列情形之一的，劳动者可以解除劳动合同：……（二）未及时足额支付劳动报酬的；……')).toBe(
      false,
    );
    expect(quotedUnits('根据《“恐慌”……》载明：“从此，小区有了“每日通报”。”')).toEqual(['从此，小区有了“每日通报”。']);
  });

  it('counts drafts with fragments, repeated sentences, other regions and superseded texts', () => {
    const report = emptyDraftForm();
    const source = (region: string[], inForce = true) => ({ region, inForce }) as never;
    measureDraftForm(
      report,
      {
        refused: false,
        sentences: [
          { text: '用人单位有下列情形之一的：（二）克扣或者无故拖欠劳动者工资的；', sources: [1] },
          { text: '克扣或者无故拖欠劳动者工资的；', sources: [2] },
        ],
        sources: [source(['山东省', '潍坊市']), source([], false)],
      },
      { jurisdiction: ['浙江省', '杭州市', '建德市'] },
    );
    measureDraftForm(
      report,
      {
        refused: false,
        sentences: [{ text: '根据《办法》规定：“整句。”', sources: [1] }],
        sources: [source(['浙江省'])],
      },
      { jurisdiction: ['浙江省', '杭州市', '建德市'] },
    );
    measureDraftForm(report, { refused: true, sentences: [], sources: [] }, {});
    expect(report).toEqual({
      drafts: 2,
      withFragment: 1,
      withRepeat: 1,
      otherJurisdictionCitations: 1,
      supersededCitations: 1,
    });
  });
});
