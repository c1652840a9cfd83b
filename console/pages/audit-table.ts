import type { AuditEntry } from '../../audit/read-audit-log.ts';
import { drafterInChinese, reasonInChinese } from '../../review/reason-in-chinese.ts';
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
    return html`<tr><td>${when}</td><td>${what}</td><td>${actorInChinese(entry.actor)}</td><td class="muted">${details}</td></tr>`;
  });
  return html`<table id="audit"><thead><tr><th>时间</th><th>事项</th><th>操作人</th><th>说明</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

// A delivery's error is the platform's own words, for whoever fixes it: marked as such, in the language it came in.
function describeDetails(entry: AuditEntry): SafeHtml {
  const details = entry.details;
  const parts = [
    details.version !== undefined ? `第${String(details.version)}版` : '',
    typeof details.reason === 'string' ? reasonInChinese(details.reason) : '',
    typeof details.summary === 'string' ? details.summary : '',
    typeof details.to === 'string' ? `→ ${details.to}` : '',
    typeof details.textHash === 'string' ? `哈希 ${details.textHash.slice(0, 12)}…` : '',
  ].filter(Boolean);
  const error = typeof details.error === 'string' ? html`技术信息：<span lang="en">${details.error}</span>` : '';
  return html`${parts.join('；')}${parts.length > 0 && error ? '；' : ''}${error}`;
}

const SURFACES: Record<string, string> = { web: '网页', api: '接口', slack: 'Slack', discord: 'Discord' };
const SYSTEM_ACTORS: Record<string, string> = { outbox: '发布队列', 'deadline-monitor': '期限监控', cli: '命令行' };

// The record names actors as the system does (account:3:zhao, drafter:extractive-v1, surface:slack); reviewers read
// the person, the drafter or the channel.
function actorInChinese(actor: string): string {
  const [kind = '', ...rest] = actor.split(':');
  const name = rest.join(':');
  if (kind === 'account' && rest.length >= 2) return rest.slice(1).join(':');
  if (kind === 'drafter') return drafterInChinese(name);
  if (kind === 'triage') return `自动分诊（${name}）`;
  if (kind === 'surface') return SURFACES[name] ?? name;
  if ((kind === 'slack' || kind === 'discord') && name !== '') return `${SURFACES[kind]} 用户 ${name}`;
  return SYSTEM_ACTORS[actor] ?? actor;
}
