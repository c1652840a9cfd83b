/**
 * The reasons drafting, verification and delivery give (why a sentence was removed, why a draft needs attention) are kept in
 * English with each draft version, as the CLI, the evaluation and the logs print them. Reviewers read them in
 * Chinese: each known form is said again here, its facts (numbers, quoted text) kept; a reason in no known form (a
 * model's own words) is shown as it is.
 */
// Each form's captured parts (at most three), in order, become the Chinese sentence's facts.
type Parts = [string, string, string];
const REASONS: Array<[RegExp, (parts: Parts) => string]> = [
  [/^states what its sources do not: (.+)$/s, ([facts]) => `陈述了引用来源中没有的内容：${facts}`],
  [
    /^says the opposite of its source: “(.+)” where the source says “(.+)”$/s,
    ([said, source]) => `与引用来源意思相反：草稿为“${said}”，来源为“${source}”`,
  ],
  [
    /^shares too few words with its sources \((\d+) of (\d+)\)$/,
    ([covered, terms]) => `与引用来源共有的词语过少（${terms} 个词中仅 ${covered} 个见于来源）`,
  ],
  [/^cites no passage$/, () => '未引用任何来源'],
  [
    /^cites (.+), which this version's source list does not have \(removed or never added\)$/,
    ([numbers]) => `引用了 ${numbers}，本版依据列表中没有该编号（已移除或从未加入）`,
  ],
  [/^cites passages that were not retrieved: (.+)$/, ([ids]) => `引用了未检索到的段落：${ids}`],
  [/^a formula sentence may not state facts or contacts$/, () => '客套语句不得陈述事实或联系方式'],
  [
    /^the best passage covers (\d+)% of the question's words \(needs (\d+)%\)$/,
    ([share, needed]) => `最相关的段落只覆盖问题中 ${share}% 的词语（需要 ${needed}%），未找到足以作答的依据`,
  ],
  [/^no drafted sentence survived verification$/, () => '没有一句草稿通过核验'],
  [/^no retrieved sentence shares words with the question$/, () => '检索到的句子与问题没有共同词语'],
  [/^no retrieved provision shares words with the question$/, () => '检索到的条文与问题没有共同词语'],
  // Already Chinese, with the English form for the logs in brackets: the reviewer reads the Chinese.
  [/^(没有一句草稿通过核验)（no drafted sentence survived verification）$/, ([said]) => said],
  [
    /^model (.+?) failed \((.+)\); this is the (.+) draft$/s,
    ([model, why, fallback]) => `模型 ${model} 调用失败（${why}），以下为 ${drafterInChinese(fallback)} 草稿`,
  ],
  [/^removed "(.+)": (.+)$/s, ([sentence, reason]) => `已删除“${sentence}”：${reasonInChinese(reason)}`],
  // Why the outbox would not post an approved answer, or voided it (deliver-outbox.ts, apply-edit.ts).
  [/^no approval record$/, () => '没有批准记录'],
  [/^the approval was voided$/, () => '批准已失效'],
  [/^the text (?:changed|was edited) after approval$/, () => '批准后文本有变动'],
  [/^the approved version is missing$/, () => '找不到批准的版本'],
  [/^the text to post does not match the approved text$/, () => '待发布文本与批准的文本不一致'],
  [/^the text to post is not the approval on record in the audit trail$/, () => '待发布文本与审核记录中的批准不一致'],
  // A delivery the platform cannot take as approved: the reviewer shortens the text (bot/*/…-surface.ts).
  [
    /^Case \d+'s answer has (\d+) characters as (Slack|Discord) (?:receives|shows) it; .*?(\d[\d,]*)(?: of a message)?\. Shorten it in the console and approve again\.$/s,
    ([length, platform, limit]) =>
      `答复在 ${platform} 中有 ${length} 字，${platform} 一条消息最多 ${limit} 字：请在控制台缩短后重新批准。`,
  ],
];

/** A drafting, verification or delivery reason in Chinese (see REASONS); one in no known form as it is. */
export function reasonInChinese(reason: string): string {
  for (const [pattern, say] of REASONS) {
    const match = pattern.exec(reason);
    if (match) return say(match.slice(1) as Parts);
  }
  return reason;
}

/** Who wrote a draft version, as reviewers read it: the extractive drafter, a talking point, a model, a person. */
export function drafterInChinese(drafter: string): string {
  const editedBy = /^edited by (.+)$/.exec(drafter);
  if (editedBy) return `${editedBy[1]} 修改`;
  // The evidence workbench's versions (review/decide-case.ts, review/adopt-past-answer.ts).
  const redrafted = /^(.+) for (.+) from the chosen sources$/.exec(drafter);
  if (redrafted) return `${drafterInChinese(redrafted[1]!)}（${redrafted[2]} 按所选依据重新起草）`;
  const adopted = /^(.+) based on case #(\d+)$/.exec(drafter);
  if (adopted) return `${adopted[1]} 以第 ${adopted[2]} 号案件的答复为基础修改`;
  const adoptedEntry = /^(.+) based on (.+)$/.exec(drafter);
  if (adoptedEntry) return `${adoptedEntry[1]} 以问答库答复（${adoptedEntry[2]}）为基础修改`;
  if (/^extractive(-v\d+)?$/.test(drafter)) return '系统摘录';
  if (drafter === 'talking-points') return '经审核的口径';
  return `模型 ${drafter}`;
}
