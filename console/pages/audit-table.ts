import type { AuditEntry } from '../../audit/read-audit-log.ts';
import { formatChinaTime } from '../../text/format-time.ts';
import { html, type SafeHtml } from '../html.ts';

const EVENT_LABELS: Record<string, string> = {
  'inquiry-received': '受理',
  'draft-created': '生成草稿',
  'draft-edited': '修改草稿',
  'evidence-changed': '变更依据',
  'draft-approved': '批准',
  'draft-rejected': '退回',
  'decision-refused': '操作被拒绝',
  'approval-voided': '批准失效',
  'case-escalated': '上报',
  'case-reassigned': '转办',
  'case-reclassified': '调整级别',
  'case-reminded': '到期提醒',
  'follow-up-reminded': '发布会期限提醒',
  'deadline-escalated': '超期上报',
  'answer-posted': '已发布',
  'internal-answer-shown': '内部答复',
  'original-text-read': '查看原文',
  'identity-linked': '关联账号',
  'account-created': '创建账号',
  'account-disabled': '停用账号',
  'account-role-changed': '变更角色',
  'delivery-failed': '发布失败',
  'delivery-refused': '拒绝发布',
  'delivery-retried': '重新发布',
  'answer-withdrawn': '撤回答复',
  'answer-reopened': '更正答复',
};

/** A case's history as reviewers read it: when, what, who, and the details that matter (version, reason, hash). */
export function auditTable(audit: ReadonlyArray<AuditEntry>): SafeHtml {
  const rows = audit.map((entry) => {
    const when = formatChinaTime(entry.occurredAt);
    const what = EVENT_LABELS[entry.event] ?? entry.event;
    const details = describeDetails(entry);
    return html`<tr><td>${when}</td><td>${what}</td><td>${entry.actor}</td><td class="muted">${details}</td></tr>`;
  });
  return html`<table id="audit"><thead><tr><th>时间</th><th>事项</th><th>操作人</th><th>说明</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function describeDetails(entry: AuditEntry): string {
  const details = entry.details;
  const parts = [
    details.version !== undefined ? `第${String(details.version)}版` : '',
    typeof details.reason === 'string' ? details.reason : '',
    typeof details.summary === 'string' ? details.summary : '',
    typeof details.to === 'string' ? `→ ${details.to}` : '',
    typeof details.textHash === 'string' ? `哈希 ${details.textHash.slice(0, 12)}…` : '',
    typeof details.error === 'string' ? details.error : '',
  ];
  return parts.filter(Boolean).join('；');
}
