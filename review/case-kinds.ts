import type { DraftAudience } from '../drafting/chat-model.ts';

/**
 * What a case is: a citizen's question, a formal request for government information, a public-opinion item, or a
 * staff member's internal question (answered at once, on the record, never reviewed or posted).
 */
export const CASE_KINDS = ['citizen-question', 'information-request', 'opinion-item', 'staff-question'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** The kinds whose answer goes to the public and so needs an approval. */
export const PUBLIC_CASE_KINDS = ['citizen-question', 'information-request', 'opinion-item'] as const;

export const CASE_STATUSES = [
  'received',
  'awaiting-review',
  'needs-revision',
  'escalated',
  'approved',
  'posted',
  'answered-internally',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Chinese labels for the console. */
export const KIND_LABELS: Record<CaseKind, string> = {
  'citizen-question': '群众咨询',
  'information-request': '依申请公开',
  'opinion-item': '政务舆情',
  'staff-question': '内部咨询',
};
export const STATUS_LABELS: Record<CaseStatus, string> = {
  received: '已受理',
  'awaiting-review': '待审核',
  'needs-revision': '退回修改',
  escalated: '已上报',
  approved: '已批准待发布',
  posted: '已发布',
  'answered-internally': '已内部答复',
};

/** Who a case's answer is written for. */
export const CASE_AUDIENCE: Record<CaseKind, DraftAudience> = {
  'citizen-question': 'citizen',
  'information-request': 'citizen',
  'opinion-item': 'spokesperson',
  'staff-question': 'staff',
};

/** Whether a case still takes decisions: not yet posted, nor answered internally. */
export function isCaseOpen(status: string): boolean {
  return status !== 'posted' && status !== 'answered-internally';
}
