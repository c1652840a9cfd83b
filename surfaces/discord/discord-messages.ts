import { formatChinaTime } from '../../console/format-time.ts';
import type { ReviewNotice } from '../surface.ts';

// Discord limits: 2,000 characters of content, 4,096 of embed description, 100 of a component's custom id.
const CONTENT_LIMIT = 1_900;
const DESCRIPTION_LIMIT = 4_000;

/** The decisions a button or modal carries: `huiying:<action>:<case>:<version>:<text hash>` (at most 100 characters). */
export function customId(action: 'approve' | 'edit' | 'reject' | 'escalate', value: { caseId: number; version: number; textHash: string }): string {
  return `huiying:${action}:${value.caseId}:${value.version}:${value.textHash}`;
}

export function parseCustomId(id: string): { action: 'approve' | 'edit' | 'reject' | 'escalate'; caseId: number; version: number; textHash: string } | undefined {
  const match = /^huiying(?:-modal)?:(approve|edit|reject|escalate):(\d{1,12}):(\d{1,6}):([0-9a-f]{64})$/.exec(id);
  if (!match) return undefined;
  return { action: match[1] as 'approve' | 'edit' | 'reject' | 'escalate', caseId: Number(match[2]), version: Number(match[3]), textHash: match[4]! };
}

/** A review notice as a Discord message body: the exact public text in an embed, and buttons for the decisions. */
export function reviewMessage(notice: ReviewNotice): Record<string, unknown> {
  const heading = `案件 #${notice.caseId}：${notice.summary}`.slice(0, CONTENT_LIMIT);
  if (notice.kind !== 'draft-ready' || !notice.draft) {
    const what = notice.kind === 'deadline-passed' ? `已超期，已上报 ${notice.escalateTo ?? ''}` : `即将到期（${formatChinaTime(notice.dueAt)}）`;
    return { content: `${heading}\n${what}`.slice(0, CONTENT_LIMIT), allowed_mentions: { parse: [] } };
  }
  const value = { caseId: notice.caseId, version: notice.draft.version, textHash: notice.draft.textHash };
  const button = (action: 'approve' | 'edit' | 'reject' | 'escalate', label: string, style: number) => ({ type: 2, style, label, custom_id: customId(action, value) });
  return {
    content: heading,
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: `待审核 · 第 ${notice.draft.version} 版 · 期限 ${formatChinaTime(notice.dueAt)}`,
        description: notice.draft.publicText.slice(0, DESCRIPTION_LIMIT),
        ...(notice.draft.refused || notice.draft.flags.length > 0
          ? { footer: { text: [notice.draft.refused ? '未找到政策依据，建议转办' : '', notice.draft.flags.length > 0 ? `敏感词：${notice.draft.flags.join('、')}` : ''].filter(Boolean).join('；') } }
          : {}),
      },
    ],
    // Button styles: 1 primary, 2 secondary, 4 danger.
    components: [{ type: 1, components: [button('approve', `批准发布第 ${notice.draft.version} 版`, 1), button('edit', '修改', 2), button('reject', '退回', 4), button('escalate', '上报', 2)] }],
  };
}
