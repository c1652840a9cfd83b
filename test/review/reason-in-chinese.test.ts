import { describe, expect, it } from 'vitest';
import { drafterInChinese, reasonInChinese } from '../../review/reason-in-chinese.ts';

// Each reason drafting, verification and delivery record in English (drafting/verify-draft.ts, draft-answer.ts,
// compose-provisions.ts, draft-or-fall-back.ts, review/deliver-outbox.ts, apply-edit.ts, the chat surfaces), as
// stored with a draft version or an outbox item, and what a reviewer reads instead.
const REASONS: Array<[string, string]> = [
  ['states what its sources do not: 90个工作日', '陈述了引用来源中没有的内容：90个工作日'],
  [
    'says the opposite of its source: “不予答复” where the source says “予以答复”',
    '与引用来源意思相反：草稿为“不予答复”，来源为“予以答复”',
  ],
  ['shares too few words with its sources (0 of 12)', '与引用来源共有的词语过少（12 个词中仅 0 个见于来源）'],
  ['cites no passage', '未引用任何来源'],
  ['cites passages that were not retrieved: 7, 9', '引用了未检索到的段落：7, 9'],
  ['a formula sentence may not state facts or contacts', '客套语句不得陈述事实或联系方式'],
  [
    "the best passage covers 8% of the question's words (needs 40%)",
    '最相关的段落只覆盖问题中 8% 的词语（需要 40%），未找到足以作答的依据',
  ],
  ['no retrieved provision shares words with the question', '检索到的条文与问题没有共同词语'],
  ['没有一句草稿通过核验（no drafted sentence survived verification）', '没有一句草稿通过核验'],
  [
    'model openai:qwen failed (timed out after 30 s); this is the extractive-v1 draft',
    '模型 openai:qwen 调用失败（timed out after 30 s），以下为 系统摘录 草稿',
  ],
  ['removed "应在90日内答复。": cites no passage', '已删除“应在90日内答复。”：未引用任何来源'],
  ['the text was edited after approval', '批准后文本有变动'],
  ['the text changed after approval', '批准后文本有变动'],
  ['the approval was voided', '批准已失效'],
  ['the text to post does not match the approved text', '待发布文本与批准的文本不一致'],
  [
    "Case 4's answer has 41000 characters as Slack receives it; Slack shows at most 40000 of a message. Shorten it in the console and approve again.",
    '答复在 Slack 中有 41000 字，Slack 一条消息最多 40000 字：请在控制台缩短后重新批准。',
  ],
  [
    "Case 4's answer has 6100 characters as Discord shows it; a Discord message holds 6000. Shorten it in the console and approve again.",
    '答复在 Discord 中有 6100 字，Discord 一条消息最多 6000 字：请在控制台缩短后重新批准。',
  ],
];

describe('reasons said again in Chinese for reviewers', () => {
  it.each(REASONS)('says %s in Chinese, its facts kept', (english, chinese) => {
    expect(reasonInChinese(english)).toBe(chinese);
  });

  it('shows a reason in no known form (a model’s own words) as it is', () => {
    expect(reasonInChinese('问题涉及多个部门，建议人工核实')).toBe('问题涉及多个部门，建议人工核实');
  });

  it('names who wrote a version as reviewers know them', () => {
    expect(drafterInChinese('edited by admin')).toBe('admin 修改');
    expect(drafterInChinese('extractive-v1')).toBe('系统摘录');
    expect(drafterInChinese('talking-points')).toBe('经审核的口径');
    expect(drafterInChinese('openai:qwen')).toBe('模型 openai:qwen');
    expect(drafterInChinese('extractive-v1 for wang from the chosen sources')).toBe(
      '系统摘录（wang 按所选依据重新起草）',
    );
    expect(drafterInChinese('wang based on case #12')).toBe('wang 以第 12 号案件的答复为基础修改');
    expect(drafterInChinese('wang based on faq.md')).toBe('wang 以问答库答复（faq.md）为基础修改');
  });

  it("says in Chinese that a sentence cites a number its version's source list lacks", () => {
    expect(
      reasonInChinese("cites [2][5], which this version's source list does not have (removed or never added)"),
    ).toBe('引用了 [2][5]，本版依据列表中没有该编号（已移除或从未加入）');
  });
});
