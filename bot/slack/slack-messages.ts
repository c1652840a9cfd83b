import type { types } from '@slack/bolt';
import { formatChinaTime } from '../../text/format-time.ts';
import type { ReviewNotice, TalkingPointNotice } from '../../review/surface.ts';
import { splitText } from '../split-text.ts';

/** What a review button carries: the case and, for approval, exactly which text the reviewer saw. */
export type ButtonValue = { caseId: number; version: number; textHash: string };

// Slack limits: 3,000 characters of section text, 50 blocks a message, 3,000 characters in a text input.
const SECTION_LIMIT = 2_900;
const MAX_TEXT_SECTIONS = 45;
export const SLACK_INPUT_LIMIT = 3_000;
export const SLACK_MESSAGE_LIMIT = 40_000;

/**
 * A draft for reviewers: the exact public text, whole (over as many sections as it needs), the deadline, and buttons
 * for the decisions. An approver approves only what they were shown: a text too long for one message gets no approve
 * button, and a text too long for Slack's input box no edit button; both are then done in the console.
 */
export function reviewMessage(
  notice: ReviewNotice,
  options: { consoleUrl?: string } = {},
): { text: string; blocks: types.KnownBlock[] } {
  // The fallback text (notifications, screen readers) is read as mrkdwn too: escaped like the rest.
  const text = `案件 #${notice.caseId}：${escape(notice.summary)}`;
  const link = options.consoleUrl
    ? `\n<${options.consoleUrl}/cases/${notice.caseId}|在控制台打开案件 #${notice.caseId}>`
    : '';
  if (notice.kind !== 'draft-ready' || !notice.draft) {
    const what =
      notice.kind === 'deadline-passed'
        ? `已超期，已上报 ${notice.escalateTo ?? ''}`
        : `即将到期（${formatChinaTime(notice.dueAt)}）`;
    return {
      text: `${text}\n${what}`,
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: `*案件 #${notice.caseId}* ${what}\n${escape(notice.summary)}${link}` },
        },
      ],
    };
  }
  const draft = notice.draft;
  const value = JSON.stringify({
    caseId: notice.caseId,
    version: draft.version,
    textHash: draft.textHash,
  } satisfies ButtonValue);
  const button = (actionId: string, label: string, style?: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text: label },
    value,
    ...(style && { style }),
  });
  const parts = escapedParts(draft.publicText);
  // Whole: shown in this message, and short enough for Slack to post as one answer (40,000 characters, escaped).
  const whole = parts.length <= MAX_TEXT_SECTIONS && escape(draft.publicText).length <= SLACK_MESSAGE_LIMIT;
  const notes = [
    draft.refused ? '未找到政策依据，建议转办' : '',
    draft.flags.length > 0 ? `审核提示：${draft.flags.join('；')}` : '',
    whole
      ? ''
      : `全文 ${draft.publicText.length} 字，一条 Slack 消息放不下（上限 ${SLACK_MESSAGE_LIMIT} 字），请在控制台缩短后再批准`,
    whole && draft.publicText.length > SLACK_INPUT_LIMIT ? `全文超过 ${SLACK_INPUT_LIMIT} 字，请在控制台修改` : '',
  ].filter(Boolean);
  return {
    text,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*案件 #${notice.caseId}* 待审核（第 ${draft.version} 版）· 期限 ${formatChinaTime(notice.dueAt)}\n来件：${escape(notice.summary)}${link}`,
        },
      },
      ...(whole ? parts : parts.slice(0, 1)).map((part) => ({
        type: 'section' as const,
        text: { type: 'mrkdwn' as const, text: part },
      })),
      ...(notes.length > 0
        ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: notes.join('；') }] }]
        : []),
      {
        type: 'actions',
        block_id: `review-${notice.caseId}`,
        elements: [
          ...(whole ? [button('huiying_approve', `批准发布第 ${draft.version} 版`, 'primary')] : []),
          ...(whole && draft.publicText.length <= SLACK_INPUT_LIMIT ? [button('huiying_edit', '修改')] : []),
          button('huiying_reject', '退回', 'danger'),
          button('huiying_escalate', '上报'),
        ],
      },
    ],
  };
}

/** A talking point waiting for an approver: its whole text, and where to publish it (the console's 口径库). */
export function talkingPointMessage(
  notice: TalkingPointNotice,
  options: { consoleUrl?: string } = {},
): { text: string; blocks: types.KnownBlock[] } {
  const where = options.consoleUrl
    ? `<${options.consoleUrl}/talking-points#talking-point-${notice.proposalId}|控制台口径库>`
    : '控制台口径库';
  const parts = escapedParts(notice.text);
  return {
    text: `新口径待审核：${escape(notice.title)}`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*新口径待审核*（口径库第 ${notice.proposalId} 号）：${escape(notice.title)}\n拟稿 ${escape(notice.proposedBy)} · 有效期至 ${notice.expiresOn} · 请在${where}审核发布`,
        },
      },
      ...parts
        .slice(0, MAX_TEXT_SECTIONS)
        .map((part) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text: part } })),
    ],
  };
}

// The text split for sections, each escaped and within the section limit (escaping lengthens &, < and >).
function escapedParts(text: string): string[] {
  return splitText(text, SECTION_LIMIT)
    .flatMap((part) => (escape(part).length <= SECTION_LIMIT ? [part] : splitText(part, Math.floor(SECTION_LIMIT / 5))))
    .map(escape);
}

/** Slack mrkdwn treats &, < and > as markup. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
