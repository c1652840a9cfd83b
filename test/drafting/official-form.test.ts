import { describe, expect, it } from 'vitest';
import { composeProvisions } from '../../drafting/compose-provisions.ts';
import { frameAnswer, frameHoldingReply, framedText } from '../../drafting/frame-draft.ts';
import { quoteProvision } from '../../drafting/quote-provision.ts';
import { selectProvisions } from '../../drafting/select-provisions.ts';
import { isFragment, quotedUnits } from '../../evaluation/measure-draft-form.ts';
import { loadPrompt } from '../../prompts/load-prompt.ts';
import { splitCitedSentences } from '../../review/parse-cited-text.ts';

// 《中华人民共和国劳动合同法》第三十八条, as the corpus stores it (an ASCII colon after the lead-in).
const ARTICLE_38 =
  '第三十八条 用人单位有下列情形之一的，劳动者可以解除劳动合同:\n\n（一）未按照劳动合同约定提供劳动保护或者劳动条件的；\n\n（二）未及时足额支付劳动报酬的；\n\n（三）未依法为劳动者缴纳社会保险费的；\n\n（四）用人单位的规章制度违反法律、法规的规定，损害劳动者权益的；\n\n（五）因本法第二十六条第一款规定的情形致使劳动合同无效的；\n\n（六）法律、行政法规规定劳动者可以解除劳动合同的其他情形。\n\n用人单位以暴力、威胁或者非法限制人身自由的手段强迫劳动者劳动的，或者用人单位违章指挥、强令冒险作业危及劳动者人身安全的，劳动者可以立即解除劳动合同，不需事先告知用人单位。';

describe('quoting a provision', () => {
  it('quotes a list item only after its lead-in, marking what is left out with ……', () => {
    const { quote } = quoteProvision({ text: ARTICLE_38, question: '单位拖欠劳动报酬，我能解除劳动合同吗？' });
    expect(quote.startsWith('用人单位有下列情形之一的，劳动者可以解除劳动合同')).toBe(true);
    expect(quote).toContain('（二）未及时足额支付劳动报酬的；');
    expect(quote).not.toContain('（四）');
    expect(quote.endsWith('……')).toBe(true);
    expect(isFragment(quote)).toBe(false);
  });

  it('quotes a short provision whole and a long one from the sentence that answers', () => {
    const short = '第九条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。';
    expect(quoteProvision({ text: short, question: '多久答复' }).quote).toBe(
      '行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。',
    );
    const long = `第十条 ${'本市各级行政机关应当建立健全政府信息公开工作制度，明确工作机构和人员。'.repeat(3)}公共停车场实行政府指导价，首小时收费2元。${'有关部门应当加强监督检查，及时纠正违法行为。'.repeat(3)}`;
    const { quote } = quoteProvision({ text: long, question: '公共停车场怎么收费？' });
    expect(quote).toBe('……公共停车场实行政府指导价，首小时收费2元。……');
  });

  it('never quotes an outline heading, a question heading or a lead-in whose list is elsewhere', () => {
    expect(
      quoteProvision({ text: '二、申请后多长时间能得到答复？\n能够当场答复的当场答复。', question: '多长时间答复' })
        .quote,
    ).toBe('能够当场答复的当场答复。');
    expect(quoteProvision({ text: '为方便群众办事，现将服务时间调整事项通告如下：', question: '服务时间' })).toEqual({
      quote: '',
      score: 0,
    });
    expect(quoteProvision({ text: '……；37.开窗通风。38.公共区域消毒。', question: '公共区域消毒' }).quote).not.toMatch(
      /^38/,
    );
  });
});

describe('choosing the provisions a reply quotes', () => {
  const result = (
    rank: number,
    content: string,
    document: { region?: string[]; status?: string; validity?: string; publishedDate?: string; title?: string } = {},
  ) => ({
    rank,
    content,
    articleLabel: '第一条',
    document: {
      region: [],
      status: 'current',
      validity: '有效',
      publishedDate: '2020-01-01',
      title: `文件${rank}`,
      ...document,
    } as never,
  });
  const same =
    '劳动合同期满后，劳动者仍在原用人单位工作，原用人单位未表示异议的，视为双方同意以原条件继续履行劳动合同。';

  it('cites the same text once, from the current national one, never a superseded one unless asked', () => {
    const chosen = selectProvisions({
      question: '劳动合同期满后继续工作怎么办？',
      includeInvalid: false,
      results: [
        result(1, `第十六条 ${same}`, { publishedDate: '2001-04-16' }),
        result(2, `第三十四条 ${same}一方提出终止劳动关系的，人民法院应当支持。`, { publishedDate: '2020-12-29' }),
        result(3, `第五条 ${same}`, { region: ['山东省', '潍坊市'], publishedDate: '2023-01-01' }),
        result(4, '第二条 收费标准为每小时3元。', { status: 'superseded', validity: '已修订' }),
      ],
    });
    expect(chosen.map((item) => item.rank)).toEqual([2]);
    const old = selectProvisions({
      question: '修订前的收费标准',
      includeInvalid: true,
      results: [result(4, '第二条 收费标准为每小时3元。', { status: 'superseded', validity: '已修订' })],
    });
    expect(old).toHaveLength(1);
  });

  it('puts national law before local rules, each most relevant first', () => {
    const results = [
      result(1, '第一条 本市的规定内容甲甲甲甲甲甲。', { region: ['浙江省'] }),
      result(2, '第二条 国家的规定内容乙乙乙乙乙乙。'),
      result(3, '第三条 本市的规定内容丙丙丙丙丙丙。', { region: ['浙江省'] }),
      result(4, '第四条 国家的规定内容丁丁丁丁丁丁。'),
    ];
    expect(selectProvisions({ question: '怎么规定', includeInvalid: false, results }).map((item) => item.rank)).toEqual(
      [2, 4, 1, 3],
    );
  });
});

describe('the offline composer', () => {
  const passages = ['甲', '乙', '丙', '丁', '戊'].map((word, index) => ({
    id: index + 1,
    text: `第${index + 1}条 公共停车场收费标准由价格主管部门规定${word.repeat(4)}。`,
    citation: `《办法${index + 1}》第${index + 1}条`,
  }));

  it('quotes at most three provisions unless the question asks for more, in the order given', () => {
    const three = composeProvisions({ question: '公共停车场收费标准是多少？', audience: 'citizen', passages });
    expect(three.sentences.map((sentence) => sentence.citations[0])).toEqual([1, 2, 3]);
    const all = composeProvisions({ question: '公共停车场收费标准有哪些规定？', audience: 'citizen', passages });
    expect(all.sentences).toHaveLength(5);
  });

  it('writes each provision as an attributed quote citing its passage, with no fragment and nothing twice', () => {
    const draft = composeProvisions({
      question: '单位拖欠劳动报酬，我能解除劳动合同吗？',
      audience: 'citizen',
      passages: [
        {
          id: 7,
          text: ARTICLE_38,
          citation: '《中华人民共和国劳动合同法》第三十八条',
          attribution: '根据《中华人民共和国劳动合同法》第三十八条规定',
        } as never,
      ],
    });
    expect(draft.sentences).toHaveLength(1);
    const [sentence] = draft.sentences;
    expect(sentence).toMatchObject({ citations: [7] });
    expect(sentence!.text).toMatch(/^根据《中华人民共和国劳动合同法》第三十八条规定：“用人单位有下列情形之一的/);
    expect(sentence!.text.endsWith('……”。')).toBe(true);
    expect(quotedUnits(sentence!.text).every((unit) => !isFragment(unit))).toBe(true);
  });
});

describe('the frame of a reply', () => {
  const facts = [{ text: '根据《青禾市政府信息公开实施办法》第九条规定：“……应当当场予以答复。”', sources: [1] }];
  const frame = { officeName: '青禾市人民政府办公室', date: '2026-12-01', guidance: '可以拨打12345政务服务便民热线。' };

  it('gives a citizen reply an opening, the provisions, the configured 办理指引, a closing and a 落款', () => {
    const sentences = frameAnswer(facts, { ...frame, audience: 'citizen' });
    expect(sentences.map((sentence) => sentence.role)).toEqual([
      'formula',
      'fact',
      'guidance',
      'formula',
      'signature',
      'signature',
    ]);
    const guidance = sentences.find((sentence) => sentence.role === 'guidance')!;
    expect(guidance.sources).toEqual([]);
    const text = framedText(sentences);
    expect(text).toMatch(/^您好！/);
    expect(text.endsWith('\n\n青禾市人民政府办公室\n2026年12月1日')).toBe(true);
    expect(text).toContain('应当当场予以答复。”[1]\n可以拨打12345');
  });

  it('gives a spokesperson statement its own shape and a staff answer only the provisions', () => {
    const statement = framedText(frameAnswer(facts, { ...frame, audience: 'spokesperson' }));
    expect(statement).toMatch(/^关于社会关注的有关情况，现说明如下：/);
    expect(statement).not.toContain('12345');
    expect(statement.endsWith('2026年12月1日')).toBe(true);
    expect(framedText(frameAnswer(facts, { ...frame, audience: 'staff' }))).toBe(`${facts[0]!.text}[1]`);
  });

  it('holds a question it cannot answer honestly: received, being checked, answered by the deadline, nothing forwarded', () => {
    const text = framedText(frameHoldingReply({ ...frame, audience: 'citizen', replyBy: '2026-12-08' }));
    expect(text).toContain('已收到');
    expect(text).toContain('正在核实相关政策依据，将在2026年12月8日前答复您。');
    expect(text).not.toMatch(/已转请|转交|已转/);
    expect(framedText(frameHoldingReply({ ...frame, audience: 'citizen' }))).toContain('将在规定时限内答复');
  });

  it('is read back after an edit as one sentence per quoted provision, its ；and 。 inside the quote', () => {
    const text = framedText(
      frameAnswer(facts.concat({ text: '根据《办法》第十条规定：“甲；乙。……丙。”', sources: [2] }), {
        ...frame,
        audience: 'citizen',
      }),
    );
    const pieces = splitCitedSentences(text);
    expect(pieces).toContain(`${facts[0]!.text}[1]`);
    expect(pieces).toContain('根据《办法》第十条规定：“甲；乙。……丙。”[2]');
  });

  it('tells a model, in every drafting prompt, to leave the frame to huiying and to quote with lead-ins', () => {
    for (const name of ['citizen-reply', 'spokesperson-statement', 'staff-answer'] as const) {
      const prompt = loadPrompt(name, { passages: '' });
      expect(prompt).toMatch(/不写开头语|不要写开头语/);
      expect(prompt).toContain('引导语');
      expect(prompt).toContain('只引用一次');
    }
  });
});
