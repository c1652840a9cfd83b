import { formatChinaTime } from '../../text/format-time.ts';
import type { ReviewNotice, TalkingPointNotice } from '../../review/surface.ts';
import { discordLiteral, literalParts } from './discord-literal.ts';

// Discord limits: 2,000 characters of content, 4,096 of embed description, 100 of a component's custom id, 4,000 in
// a text input, and 6,000 for the titles, descriptions and footers of all embeds of one message together.
const CONTENT_LIMIT = 1_900;
export const DESCRIPTION_LIMIT = 4_000;
export const MESSAGE_EMBED_LIMIT = 5_990;
export const DISCORD_INPUT_LIMIT = 4_000;
const FOOTER_LIMIT = 140;
const TITLE_AND_FOOTER_ROOM = 200;

/** The decisions a button or modal carries: `huiying:<action>:<case>:<version>:<text hash>` (at most 100 characters). */
export function customId(
  action: 'approve' | 'edit' | 'reject' | 'escalate',
  value: { caseId: number; version: number; textHash: string },
): string {
  return `huiying:${action}:${value.caseId}:${value.version}:${value.textHash}`;
}

export function parseCustomId(
  id: string,
):
  | { action: 'approve' | 'edit' | 'reject' | 'escalate'; caseId: number; version: number; textHash: string }
  | undefined {
  const match = /^huiying(?:-modal)?:(approve|edit|reject|escalate):(\d{1,12}):(\d{1,6}):([0-9a-f]{64})$/.exec(id);
  if (!match) return undefined;
  return {
    action: match[1] as 'approve' | 'edit' | 'reject' | 'escalate',
    caseId: Number(match[2]),
    version: Number(match[3]),
    textHash: match[4]!,
  };
}

/**
 * A review notice as a Discord message body: the exact public text, whole, in embeds, and buttons for the decisions.
 * An approver approves only what they were shown, and the answer must fit one reply: a text too long for one message
 * gets no approve button (and no edit button when it is too long for Discord's input box); the console takes over.
 */
export function reviewMessage(notice: ReviewNotice, options: { consoleUrl?: string } = {}): Record<string, unknown> {
  const link = options.consoleUrl ? `\n${options.consoleUrl}/cases/${notice.caseId}` : '';
  const heading =
    `案件 #${notice.caseId}：${discordLiteral(notice.summary)}`.slice(0, CONTENT_LIMIT - link.length) + link;
  if (notice.kind !== 'draft-ready' || !notice.draft) {
    const what =
      notice.kind === 'deadline-passed'
        ? `已超期，已上报 ${notice.escalateTo ?? ''}`
        : `即将到期（${formatChinaTime(notice.dueAt)}）`;
    return { content: `${heading}\n${what}`.slice(0, CONTENT_LIMIT), allowed_mentions: { parse: [] } };
  }
  const draft = notice.draft;
  const value = { caseId: notice.caseId, version: draft.version, textHash: draft.textHash };
  const button = (action: 'approve' | 'edit' | 'reject' | 'escalate', label: string, style: number) => ({
    type: 2,
    style,
    label,
    custom_id: customId(action, value),
  });
  const title = `待审核 · 第 ${draft.version} 版 · 期限 ${formatChinaTime(notice.dueAt)}`;
  // The reviewer sees the text exactly as the answer will show it (escaped the same way, see discordLiteral).
  const shownParts = literalParts(draft.publicText, DESCRIPTION_LIMIT);
  const length = shownParts.reduce((sum, part) => sum + part.length, 0);
  // Room for the title and the footer, which count against the message's 6,000 characters too.
  const whole = length <= MESSAGE_EMBED_LIMIT - TITLE_AND_FOOTER_ROOM;
  const editable = draft.publicText.length <= DISCORD_INPUT_LIMIT;
  // Length first: the footer is cut to its limit, and what cannot be done here must not be cut off.
  const notes = [
    length > MESSAGE_EMBED_LIMIT
      ? `全文 ${length} 字，超出一条 Discord 消息的上限（${MESSAGE_EMBED_LIMIT} 字），无法回复到 Discord；请在控制台缩短后再批准`
      : whole
        ? ''
        : `全文 ${length} 字，本条审核消息放不下，请在控制台审核批准`,
    whole && !editable ? `全文超过 ${DISCORD_INPUT_LIMIT} 字，请在控制台修改` : '',
    draft.refused ? '未找到政策依据，建议转办' : '',
    draft.flags.length > 0 ? `审核提示：${draft.flags.join('；')}` : '',
  ].filter(Boolean);
  const footer = notes.join('；').slice(0, FOOTER_LIMIT);
  const parts = whole
    ? shownParts
    : literalParts(draft.publicText.slice(0, (MESSAGE_EMBED_LIMIT - TITLE_AND_FOOTER_ROOM) / 2), DESCRIPTION_LIMIT);
  return {
    content: heading,
    allowed_mentions: { parse: [] },
    embeds: parts.map((part, index) => ({
      ...(index === 0 && { title }),
      description: part,
      ...(index === parts.length - 1 && footer && { footer: { text: footer } }),
    })),
    // Button styles: 1 primary, 2 secondary, 4 danger.
    components: [
      {
        type: 1,
        components: [
          ...(whole ? [button('approve', `批准发布第 ${draft.version} 版`, 1)] : []),
          ...(editable ? [button('edit', '修改', 2)] : []),
          button('reject', '退回', 4),
          button('escalate', '上报', 2),
        ],
      },
    ],
  };
}

/** A talking point waiting for an approver: its text in embeds, and where to publish it (the console's 口径库). */
export function talkingPointMessage(
  notice: TalkingPointNotice,
  options: { consoleUrl?: string } = {},
): Record<string, unknown> {
  const where = options.consoleUrl
    ? `${options.consoleUrl}/talking-points#talking-point-${notice.proposalId}`
    : '控制台口径库';
  const title = `新口径待审核（口径库第 ${notice.proposalId} 号）`.slice(0, 250);
  const room = MESSAGE_EMBED_LIMIT - TITLE_AND_FOOTER_ROOM;
  const whole = literalParts(notice.text, DESCRIPTION_LIMIT);
  // Escaped text is at most twice as long: half the room holds the start of any text.
  const parts =
    whole.reduce((sum, part) => sum + part.length, 0) <= room
      ? whole
      : literalParts(notice.text.slice(0, room / 2), DESCRIPTION_LIMIT);
  return {
    content:
      `${discordLiteral(notice.title)}\n拟稿 ${discordLiteral(notice.proposedBy)} · 有效期至 ${notice.expiresOn} · 请在 ${where} 审核发布`.slice(
        0,
        CONTENT_LIMIT,
      ),
    allowed_mentions: { parse: [] },
    embeds: parts.map((part, index) => ({
      ...(index === 0 && { title }),
      description: part,
    })),
  };
}
