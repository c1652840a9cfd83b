import type { Account } from '../../review/accounts/accounts.ts';
import { roleAllows } from '../../review/accounts/roles.ts';
import type { AuditEntry } from '../../audit/read-audit-log.ts';
import { KIND_LABELS, STATUS_LABELS } from '../../review/case-kinds.ts';
import type { CaseSummary, DraftVersion } from '../../review/read-cases.ts';
import { SEVERITIES } from '../../triage/triage-rules.ts';
import type { DeliveryState } from '../../review/retry-delivery.ts';
import { formatChinaTime, formatTimeLeft } from '../../text/format-time.ts';
import { html, type SafeHtml } from '../html.ts';
import { citedText, sourceList } from './cited-text.ts';

const EVENT_LABELS: Record<string, string> = {
  'inquiry-received': '受理',
  'draft-created': '生成草稿',
  'draft-edited': '修改草稿',
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
  'delivery-failed': '发布失败',
  'delivery-refused': '拒绝发布',
  'delivery-retried': '重新发布',
};

/** One case for a reviewer: the question, the current draft with its sources and checks, the actions, the history. */
export function casePage(options: {
  found: CaseSummary;
  versions: DraftVersion[];
  audit: AuditEntry[];
  delivery?: DeliveryState;
  original?: string;
  account: Account;
  csrfToken: string;
  now: Date;
}): SafeHtml {
  const { found, account, now } = options;
  const current = options.versions.find((version) => version.version === found.currentVersion);
  const open = found.status !== 'posted' && found.status !== 'answered-internally';
  const can = (action: Parameters<typeof roleAllows>[1]) => roleAllows(account.role, action) && open;
  const csrf = html`<input type="hidden" name="csrf" value="${options.csrfToken}">`;
  const warnings = current
    ? [
        ...current.verification.removed.map((sentence) => `“${sentence.text}”：${sentence.reason}`),
        ...current.verification.strippedContacts.map((contact) => `${contact} 不见于引用来源`),
      ]
    : [];
  return html`<table class="card">
<tr><th>查询码</th><td>${found.publicReference}</td><th>类型</th><td>${KIND_LABELS[found.kind]}</td></tr>
<tr><th>状态</th><td id="status">${STATUS_LABELS[found.status]}</td><th>级别</th><td>${found.severity}</td></tr>
<tr><th>责任单位</th><td>${found.unit}</td><th>来源</th><td>${found.surface} · ${found.authorPseudonym}</td></tr>
<tr><th>受理时间</th><td>${formatChinaTime(found.receivedAt)}</td><th>答复期限</th><td><span data-due="${found.dueAt.toISOString()}">${formatTimeLeft(found.dueAt, now)}</span>（${formatChinaTime(found.dueAt)}）${
    found.followUpDueAt ? html`<br>新闻发布会：${formatChinaTime(found.followUpDueAt)} 前` : ''
  }</td></tr>
<tr><th>期限依据</th><td colspan="3">${String(found.triage.deadlineBasis ?? '')}</td></tr>
</table>
${options.delivery ? deliverySection(options.delivery, { caseId: found.id, csrf, canRetry: roleAllows(account.role, 'approve') }) : ''}
<h2>来件内容</h2>
<div class="card" id="display-text">${found.displayText}</div>
${
  options.original !== undefined
    ? html`<div class="card" id="original-text"><p class="muted">原文（含个人信息，本次查看已记录）</p>${options.original}</div>`
    : roleAllows(account.role, 'approve') && found.displayText.includes('已隐去]')
      ? html`<form method="post" action="/cases/${found.id}/original" class="actions">${csrf}<input type="text" name="reason" placeholder="查看原文的理由（将记录）" aria-label="查看原文的理由" required><button type="submit">查看原文</button></form>`
      : ''
}
${current ? draftSection({ current, previous: options.versions.find((version) => version.version === current.version - 1), warnings }) : found.draftError ? html`<p class="error">草稿生成失败，系统将自动重试：${found.draftError}</p>` : html`<p class="muted">草稿生成中……</p>`}
${
  current && open
    ? html`<h2>审核操作</h2><div class="actions">
  ${can('approve') && found.status !== 'approved' ? html`<form method="post" action="/cases/${found.id}/decisions">${csrf}<input type="hidden" name="action" value="approve"><input type="hidden" name="version" value="${current.version}"><input type="hidden" name="text_hash" value="${current.textHash}"><button type="submit" id="approve">批准发布第 ${current.version} 版</button><br><span class="muted">文本哈希 ${current.textHash.slice(0, 12)}…</span></form>` : ''}
  ${can('reject') && found.status !== 'approved' ? html`<form method="post" action="/cases/${found.id}/decisions">${csrf}<input type="hidden" name="action" value="reject"><input type="text" name="reason" placeholder="退回理由" aria-label="退回理由" required><button type="submit">退回</button></form>` : ''}
  ${can('escalate') && found.status !== 'approved' ? html`<form method="post" action="/cases/${found.id}/decisions">${csrf}<input type="hidden" name="action" value="escalate"><input type="text" name="reason" placeholder="上报理由" aria-label="上报理由" required><button type="submit">上报</button></form>` : ''}
  ${can('reassign') ? html`<form method="post" action="/cases/${found.id}/decisions">${csrf}<input type="hidden" name="action" value="reassign"><input type="text" name="unit" placeholder="转办单位" aria-label="转办单位" required><button type="submit">转办</button></form>` : ''}
  ${can('reclassify') ? html`<form method="post" action="/cases/${found.id}/decisions">${csrf}<input type="hidden" name="action" value="reclassify"><select name="severity" aria-label="级别">${SEVERITIES.map((severity) => html`<option ${severity === found.severity ? 'selected' : ''}>${severity}</option>`)}</select><button type="submit">调整级别</button></form>` : ''}
</div>
${can('edit') ? html`<h2>修改草稿</h2><form method="post" action="/cases/${found.id}/decisions" class="card">${csrf}<input type="hidden" name="action" value="edit"><input type="hidden" name="version" value="${current.version}"><p class="muted">保留 [1] 等引用编号；修改后的句子会重新与引用来源核对。</p><textarea name="text" id="edit-text" aria-label="草稿文本">${current.text}</textarea><button type="submit" id="save-edit">保存为新版本</button></form>` : ''}`
    : ''
}
<h2>审核记录</h2>
<table id="audit"><thead><tr><th>时间</th><th>事项</th><th>操作人</th><th>说明</th></tr></thead><tbody>
${options.audit.map((entry) => html`<tr><td>${formatChinaTime(entry.occurredAt)}</td><td>${EVENT_LABELS[entry.event] ?? entry.event}</td><td>${entry.actor}</td><td class="muted">${describeDetails(entry)}</td></tr>`)}
</tbody></table>`;
}

function deliverySection(
  delivery: DeliveryState,
  options: { caseId: number; csrf: SafeHtml; canRetry: boolean },
): SafeHtml {
  const label = {
    pending: delivery.attempts > 0 ? `等待重试（已尝试 ${delivery.attempts} 次）` : '等待发布',
    delivered: '已发布',
    failed: `发布失败（已尝试 ${delivery.attempts} 次）`,
    voided: '已作废（批准后文本有变动）',
  }[delivery.status];
  return html`<p class="${delivery.status === 'failed' ? 'error' : 'card'}" id="delivery">发布状态：${label}${delivery.lastError && delivery.status !== 'delivered' ? `：${delivery.lastError}` : ''}${
    delivery.status === 'failed' && options.canRetry
      ? html` <form method="post" action="/cases/${options.caseId}/retry-delivery" class="inline">${options.csrf}<button type="submit">重新发布</button></form>`
      : ''
  }</p>`;
}

function draftSection(options: { current: DraftVersion; previous?: DraftVersion; warnings: string[] }): SafeHtml {
  const { current } = options;
  return html`<h2>草稿（第 ${current.version} 版，${current.drafter}）</h2>
${current.refused ? html`<p class="error">未找到能够支持答复的公开政策依据，建议转办或上报。</p>` : ''}
${options.warnings.length > 0 ? html`<div class="error"><p>以下内容未获引用来源支持，请核对：</p><ul>${options.warnings.map((warning) => html`<li>${warning}</li>`)}</ul></div>` : ''}
${current.flags.length > 0 ? html`<p class="error">敏感词提示：${[...new Set(current.flags.map((flag) => flag.word))].join('、')}</p>` : ''}
${current.escalationReasons.length > 0 ? html`<details><summary>需人工关注（${current.escalationReasons.length}）</summary><ul>${current.escalationReasons.map((reason) => html`<li>${reason}</li>`)}</ul></details>` : ''}
<div class="card" id="draft">${citedText(current.text, current.sources)}</div>
${
  current.diff
    ? html`<details open><summary>与第 ${current.version - 1} 版的差异</summary><div class="card" id="diff">${current.diff.map(
        (part) =>
          part.kind === 'added'
            ? html`<ins>${part.text}</ins>`
            : part.kind === 'removed'
              ? html`<del>${part.text}</del>`
              : html`<span>${part.text}</span>`,
      )}</div></details>`
    : ''
}
<h3>引用来源</h3>${sourceList(current.sources)}`;
}

function describeDetails(entry: AuditEntry): string {
  const details = entry.details;
  const parts = [
    details.version !== undefined ? `第${String(details.version)}版` : '',
    typeof details.reason === 'string' ? details.reason : '',
    typeof details.to === 'string' ? `→ ${details.to}` : '',
    typeof details.textHash === 'string' ? `哈希 ${details.textHash.slice(0, 12)}…` : '',
    typeof details.error === 'string' ? details.error : '',
  ];
  return parts.filter(Boolean).join('；');
}
