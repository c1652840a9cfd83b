import type { DraftAudience } from './chat-model.ts';

/** A line of a draft: a fact sentence citing sources, a fixed formula, or text the office configured (not a source). */
export type FramedSentence = { text: string; sources: number[]; role: 'fact' | 'formula' | 'guidance' | 'signature' };

/** What the office configured for the frame of its replies. */
export type ReplyFrameOptions = {
  audience: DraftAudience;
  /** 落款: who signs a public reply. */
  officeName: string;
  /** The day the reply is dated, YYYY-MM-DD. */
  date: string;
  /** 办理指引 for the question's topic, from the office's table. */
  guidance?: string;
};

// The fixed words of each shape; prompts/*.md tell a model not to write them, since the frame adds them.
const SHAPES: Record<DraftAudience, { opening?: string; closing?: string; signed: boolean; guided: boolean }> = {
  citizen: {
    opening: '您好！感谢您的来信。经查询，现将有关规定答复如下：',
    closing: '如需进一步了解，欢迎继续咨询。感谢您对我们工作的关注和支持。',
    signed: true,
    guided: true,
  },
  spokesperson: {
    opening: '关于社会关注的有关情况，现说明如下：',
    closing: '后续情况将通过权威渠道及时发布。',
    signed: true,
    guided: false,
  },
  staff: { signed: false, guided: false },
};

/**
 * Puts verified fact sentences in the shape of the audience's reply: a citizen reply has an opening, the provisions,
 * what to do next (办理指引), a closing and a 落款 (office and date); a spokesperson statement an opening, the facts,
 * where further information will come from and a 落款; a staff answer only the cited provisions.
 */
export function frameAnswer(
  facts: ReadonlyArray<{ text: string; sources: number[] }>,
  options: ReplyFrameOptions,
): FramedSentence[] {
  const shape = SHAPES[options.audience];
  return [
    ...(shape.opening ? [formula(shape.opening)] : []),
    ...facts.map((fact) => ({ ...fact, role: 'fact' as const })),
    ...(shape.guided && options.guidance ? [{ text: options.guidance, sources: [], role: 'guidance' as const }] : []),
    ...(shape.closing ? [formula(shape.closing)] : []),
    ...(shape.signed ? signature(options) : []),
  ];
}

/**
 * What the public is told when the sources do not support an answer: that the question was received and is being
 * checked, and by when it will be answered. It promises nothing about other departments: forwarding is a reviewer's
 * decision (reassign or escalate), and only then may the text say 已转请.
 */
export function frameHoldingReply(
  options: ReplyFrameOptions & { replyBy?: string; department?: string },
): FramedSentence[] {
  const by = options.replyBy ? `将在${chineseDate(options.replyBy)}前` : '将在规定时限内';
  if (options.audience === 'staff') {
    const check = options.department ? `建议向${options.department}核实。` : '建议向主管部门核实。';
    return [formula(`知识库中未找到能够直接答复该问题的现行有效依据，${check}`)];
  }
  if (options.audience === 'spokesperson')
    return [
      formula('关于网民反映的有关情况，我们已经关注到，正在进一步核实。核实后将及时通过权威渠道发布信息。'),
      ...signature(options),
    ];
  return [
    formula('您好！您的来信已收到。'),
    formula(`我们正在核实相关政策依据，${by}答复您。`),
    formula('感谢您的理解和支持。'),
    ...signature(options),
  ];
}

/** The text of framed sentences: each fact on its own line after its [n] numbers, the 落款 set apart at the end. */
export function framedText(sentences: ReadonlyArray<FramedSentence>): string {
  const body = sentences.filter((sentence) => sentence.role !== 'signature');
  const signed = sentences.filter((sentence) => sentence.role === 'signature');
  const lines = body.map((sentence) => `${sentence.text}${sentence.sources.map((number) => `[${number}]`).join('')}`);
  return signed.length > 0
    ? `${lines.join('\n')}\n\n${signed.map((sentence) => sentence.text).join('\n')}`
    : lines.join('\n');
}

/** 2026-12-01 → 2026年12月1日, as the date of an official document is written (GB/T 9704). */
export function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

function formula(text: string): FramedSentence {
  return { text, sources: [], role: 'formula' };
}

function signature(options: Pick<ReplyFrameOptions, 'officeName' | 'date'>): FramedSentence[] {
  return [
    { text: options.officeName, sources: [], role: 'signature' },
    { text: chineseDate(options.date), sources: [], role: 'signature' },
  ];
}
