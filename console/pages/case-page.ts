import type { Account } from '../../review/accounts/accounts.ts';
import { mayChangeCaseText, roleAllows } from '../../review/accounts/roles.ts';
import type { AuditEntry } from '../../audit/read-audit-log.ts';
import { isCaseOpen, KIND_LABELS, STATUS_LABELS } from '../../review/case-kinds.ts';
import type { CaseSummary, DraftVersion } from '../../review/read-cases.ts';
import type { DeliveryState } from '../../review/retry-delivery.ts';
import { formatChinaTime, formatTimeLeft } from '../../text/format-time.ts';
import { reasonInChinese } from '../../review/reason-in-chinese.ts';
import { html, type SafeHtml } from '../html.ts';
import type { CasePeople } from '../../review/case-people.ts';
import { auditTable } from './audit-table.ts';
import { casePeopleSection } from './case-people-section.ts';
import { caseDecisions } from './case-decisions.ts';
import { draftSection } from './draft-section.ts';
import { evidenceSection, removeSourceForm, type EvidenceSearchResults } from './evidence-section.ts';
import type { SimilarAnswer } from '../../retrieval/closest-approved-answer.ts';
import type { VersionSource } from '../../review/render-public-answer.ts';
import { postedAnswerActions, similarAnswerSection } from './similar-answer-section.ts';

/** One case for a reviewer: the question, the current draft with its sources and checks, the actions, the history. */
export function casePage(options: {
  found: CaseSummary;
  versions: DraftVersion[];
  audit: AuditEntry[];
  delivery?: DeliveryState;
  original?: string;
  /** A refused edit's text, back in the edit box. */
  editText?: string;
  account: Account;
  csrfToken: string;
  now: Date;
  /** The accounts that edited, approved or reassigned the case. */
  people?: CasePeople;
  /** The closest posted answers to similar questions (question bank), this case's own left out. */
  similarAnswers?: ReadonlyArray<SimilarAnswer>;
  /** The knowledge-base search the reviewer ran from the case page. */
  search?: EvidenceSearchResults;
}): SafeHtml {
  const { found, account } = options;
  const current = options.versions.find((version) => version.version === found.currentVersion);
  const open = isCaseOpen(found.status);
  const csrf = html`<input type="hidden" name="csrf" value="${options.csrfToken}">`;
  const canApprove = roleAllows(account.role, 'approve');
  // Only a reviewer who may change this case's text may change its evidence: by role, and for its unit.
  const mayChange = mayChangeCaseText(account, found);
  const editable = current && mayChange ? current : undefined;
  const sourceAction = editable
    ? (source: VersionSource) =>
        removeSourceForm({ caseId: found.id, version: editable.version, number: source.number, csrf })
    : undefined;
  return html`${caseCard(found, options.now)}
${options.delivery ? deliverySection(options.delivery, { caseId: found.id, csrf, canRetry: canApprove }) : ''}
<h2>来件内容</h2>
<div class="card" id="display-text">${found.displayText}</div>
${originalText({ found, original: options.original, canReveal: canApprove, csrf })}
${current ? draftSection(current, { sourceAction }) : draftPending(found)}
${editable ? evidenceSection({ caseId: found.id, current: editable, csrf, search: options.search ?? { fields: new URLSearchParams() } }) : ''}
${similarAnswerSection({ similar: options.similarAnswers ?? [], caseId: found.id, editable, csrf })}
${found.status === 'posted' && canApprove ? postedAnswerActions(found.id, csrf) : ''}
${current && open ? caseDecisions({ found, current, role: account.role, canEdit: mayChange, csrf, editText: options.editText }) : ''}
${options.people ? casePeopleSection(options.people) : ''}
<h2>审核记录</h2>
${auditTable(options.audit)}`;
}

const SURFACE_LABELS: Record<string, string> = { web: '网页', api: '接口', slack: 'Slack', discord: 'Discord' };

function caseCard(found: CaseSummary, now: Date): SafeHtml {
  const followUp = found.followUpDueAt ? html`<br>新闻发布会：${formatChinaTime(found.followUpDueAt)} 前` : '';
  const due = html`${deadline(found, now)}（${formatChinaTime(found.dueAt)}）${followUp}`;
  return html`<table class="card">
<tr><th>查询码</th><td>${found.publicReference}</td><th>类型</th><td>${KIND_LABELS[found.kind]}</td></tr>
<tr><th>状态</th><td id="status">${STATUS_LABELS[found.status]}</td><th>级别</th><td>${found.severity}</td></tr>
<tr><th>责任单位</th><td>${found.unit}</td><th>来源</th><td>${SURFACE_LABELS[found.surface] ?? found.surface} · ${found.authorPseudonym}</td></tr>
<tr><th>受理时间</th><td>${formatChinaTime(found.receivedAt)}</td><th>答复期限</th><td>${due}</td></tr>
<tr><th>期限依据</th><td colspan="3">${String(found.triage.deadlineBasis ?? '')}</td></tr>
</table>`;
}

// An open case counts down (console.js keeps it current); an answered one says when it was answered, and stops.
function deadline(found: CaseSummary, now: Date): SafeHtml {
  if (found.closedAt === null)
    return html`<span data-due="${found.dueAt.toISOString()}">${formatTimeLeft(found.dueAt, now)}</span>`;
  const verb = found.status === 'posted' ? '发布' : '答复';
  // formatTimeLeft of the deadline at the time of answering: 已超期 … when it came late.
  const timing = found.closedAt > found.dueAt ? formatTimeLeft(found.dueAt, found.closedAt) : '按期';
  return html`<span id="answered-at">已于 ${formatChinaTime(found.closedAt)} ${verb}，${timing}</span>`;
}

function retryButton(csrf: SafeHtml): SafeHtml {
  return html`${csrf}<button type="submit">重新发布</button>`;
}

function deliverySection(
  delivery: DeliveryState,
  options: { caseId: number; csrf: SafeHtml; canRetry: boolean },
): SafeHtml {
  const label = {
    pending: delivery.attempts > 0 ? `等待重试（已尝试 ${delivery.attempts} 次）` : '等待发布',
    delivered: '已发布',
    failed: `发布失败（已尝试 ${delivery.attempts} 次）`,
    voided: '已作废',
  }[delivery.status];
  // A reason huiying knows is said in Chinese; the platform's own words are for whoever fixes it: marked as such, in
  // the language they came in.
  const said = delivery.lastError ? reasonInChinese(delivery.lastError) : '';
  const error =
    !delivery.lastError || delivery.status === 'delivered'
      ? ''
      : said !== delivery.lastError
        ? `：${said}`
        : html`（技术信息：<span lang="en">${delivery.lastError}</span>）`;
  const retryAction = `/cases/${options.caseId}/retry-delivery`;
  const retry =
    delivery.status === 'failed' && options.canRetry
      ? html` <form method="post" action="${retryAction}" class="inline">${retryButton(options.csrf)}</form>`
      : '';
  const className = delivery.status === 'failed' ? 'error' : 'card';
  return html`<p class="${className}" id="delivery">发布状态：${label}${error}${retry}</p>`;
}

// The text as received holds personal data: an approver reads it by giving a reason, which is recorded.
function originalText(options: {
  found: CaseSummary;
  original?: string;
  canReveal: boolean;
  csrf: SafeHtml;
}): SafeHtml | '' {
  if (options.original !== undefined) {
    const note = html`<p class="muted">原文（含个人信息，本次查看已记录）</p>`;
    return html`<div class="card" id="original-text">${note}${options.original}</div>`;
  }
  if (!options.canReveal || !options.found.displayText.includes('已隐去]')) return '';
  const reason = html`<input type="text" name="reason" placeholder="查看原文的理由（将记录）" aria-label="查看原文的理由" required>`;
  const fields = html`${options.csrf}${reason}<button type="submit">查看原文</button>`;
  return html`<form method="post" action="/cases/${options.found.id}/original" class="actions">${fields}</form>`;
}

function draftPending(found: CaseSummary): SafeHtml {
  return found.draftError
    ? html`<p class="error">草稿生成失败，系统将自动重试（技术信息：<span lang="en">${found.draftError}</span>）</p>`
    : html`<p class="muted">草稿生成中……</p>`;
}
