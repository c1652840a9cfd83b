import { KIND_LABELS, STATUS_LABELS } from '../../review/case-kinds.ts';
import type { CaseSummary } from '../../review/read-cases.ts';
import type { ReviewNotice } from '../../review/surface.ts';
import { formatChinaTime, formatTimeLeft } from '../../text/format-time.ts';
import { html, type SafeHtml } from '../html.ts';

/** The reviewers' queue: open cases by deadline with a live countdown, overdue ones marked, recent notices, recent answers. */
export function queuePage(options: {
  open: CaseSummary[];
  closed: CaseSummary[];
  notices: Array<ReviewNotice & { notifiedAt?: Date }>;
  now: Date;
  overdueOnly?: boolean;
}): SafeHtml {
  const { now } = options;
  const overdue = options.open.filter((found) => found.dueAt <= now && found.status !== 'approved');
  return html`${
    options.notices.length > 0
      ? html`<div class="card" id="notices"><p class="muted">最近提醒</p><ul>${options.notices.slice(0, 5).map(noticeLine)}</ul></div>`
      : ''
  }
<p>${options.overdueOnly ? html`超期 ${options.open.length} 件（<a href="/queue">查看全部待办</a>）` : html`待办 ${options.open.length} 件${overdue.length > 0 ? html`，<span class="overdue">超期 ${overdue.length} 件</span>` : ''}（<a href="/queue?overdue=1" id="overdue-link">只看超期</a>）`}。</p>
<table id="queue">
<thead><tr><th>编号</th><th>类型</th><th>内容</th><th>级别</th><th>责任单位</th><th>状态</th><th>期限</th></tr></thead>
<tbody>
${options.open.map(
  (found) => html`<tr>
  <td><a href="/cases/${found.id}">#${found.id}</a></td>
  <td class="nowrap">${KIND_LABELS[found.kind]}</td>
  <td><a href="/cases/${found.id}">${found.displayText.slice(0, 60)}${found.displayText.length > 60 ? '…' : ''}</a></td>
  <td>${found.severity}</td>
  <td>${found.unit}</td>
  <td>${STATUS_LABELS[found.status]}${found.escalatedAt ? '（已超期上报）' : ''}</td>
  <td class="nowrap"><span data-due="${found.dueAt.toISOString()}" class="${found.dueAt <= now ? 'overdue' : ''}">${formatTimeLeft(found.dueAt, now)}</span><br><span class="muted">${formatChinaTime(found.dueAt)}</span></td>
</tr>`,
)}
</tbody>
</table>
${options.open.length === 0 ? html`<p class="muted">队列为空。</p>` : ''}
<h2>最近已发布</h2>
${options.closed.length === 0 ? html`<p class="muted">暂无。</p>` : ''}
<ul id="recently-posted">${options.closed.map((found) => html`<li><a href="/cases/${found.id}">#${found.id}</a> ${found.displayText.slice(0, 40)}${found.closedAt ? html` <span class="muted">${formatChinaTime(found.closedAt)} 发布</span>` : ''}</li>`)}</ul>`;
}

const NOTICE_KINDS: Record<ReviewNotice['kind'], string> = {
  'draft-ready': '新草稿待审核',
  'deadline-near': '即将到期',
  'deadline-passed': '已超期',
};

// What the reminder was about, for which case and deadline, and when it came.
function noticeLine(notice: ReviewNotice & { notifiedAt?: Date }): SafeHtml {
  const what = html`<strong>${NOTICE_KINDS[notice.kind]}</strong>`;
  // The sweep words the press-conference reminder of a 重大 item as such; other deadlines are the answer's.
  const which = notice.summary.includes('新闻发布会') ? '新闻发布会期限' : '答复期限';
  const detail = {
    'draft-ready': `第 ${notice.draft?.version ?? 1} 版：${notice.summary.slice(0, 40)}`,
    'deadline-near': `${which} ${formatChinaTime(notice.dueAt)}`,
    'deadline-passed': `${which} ${formatChinaTime(notice.dueAt)}，已上报${notice.escalateTo ?? ''}`,
  }[notice.kind];
  const when = notice.notifiedAt ? html` <span class="muted">${formatChinaTime(notice.notifiedAt)}</span>` : '';
  return html`<li>${what} <a href="/cases/${notice.caseId}">案件 #${notice.caseId}</a> ${detail}${when}</li>`;
}
