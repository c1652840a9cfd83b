import type { types } from '@slack/bolt';
import { formatChinaTime } from '../../console/format-time.ts';
import type { ReviewNotice } from '../surface.ts';

/** What a review button carries: the case and, for approval, exactly which text the reviewer saw. */
export type ButtonValue = { caseId: number; version: number; textHash: string };

// Slack section text is limited to 3,000 characters.
const SECTION_LIMIT = 2_900;

/** A draft for reviewers: the exact public text, the deadline, and buttons for the decisions. */
export function reviewMessage(notice: ReviewNotice): { text: string; blocks: types.KnownBlock[] } {
  const text = `案件 #${notice.caseId}：${notice.summary}`;
  if (notice.kind !== 'draft-ready' || !notice.draft) {
    const what = notice.kind === 'deadline-passed' ? `已超期，已上报 ${notice.escalateTo ?? ''}` : `即将到期（${formatChinaTime(notice.dueAt)}）`;
    return { text: `${text}\n${what}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*案件 #${notice.caseId}* ${what}\n${escape(notice.summary)}` } }] };
  }
  const draft = notice.draft;
  const value = JSON.stringify({ caseId: notice.caseId, version: draft.version, textHash: draft.textHash } satisfies ButtonValue);
  const button = (actionId: string, label: string, style?: 'primary' | 'danger') => ({ type: 'button' as const, action_id: actionId, text: { type: 'plain_text' as const, text: label }, value, ...(style && { style }) });
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*案件 #${notice.caseId}* 待审核（第 ${draft.version} 版）· 期限 ${formatChinaTime(notice.dueAt)}\n来件：${escape(notice.summary)}` } },
      { type: 'section', text: { type: 'mrkdwn', text: escape(draft.publicText).slice(0, SECTION_LIMIT) } },
      ...(draft.refused || draft.flags.length > 0
        ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: [draft.refused ? '未找到政策依据，建议转办' : '', draft.flags.length > 0 ? `敏感词：${draft.flags.join('、')}` : ''].filter(Boolean).join('；') }] }]
        : []),
      {
        type: 'actions',
        block_id: `review-${notice.caseId}`,
        elements: [button('huiying_approve', `批准发布第 ${draft.version} 版`, 'primary'), button('huiying_edit', '修改'), button('huiying_reject', '退回', 'danger'), button('huiying_escalate', '上报')],
      },
    ],
  };
}

/** Slack mrkdwn treats &, < and > as markup. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
