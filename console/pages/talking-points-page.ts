import type { Account } from '../../review/accounts/accounts.ts';
import { roleAllows } from '../../review/accounts/roles.ts';
import type { TalkingPoint } from '../../drafting/talking-point-queries.ts';
import type { TalkingPointProposal } from '../../review/talking-point-proposals.ts';
import { html, type SafeHtml } from '../html.ts';
import { sourceLabel } from './source-label.ts';

const STATUS_LABELS: Record<TalkingPointProposal['status'], string> = {
  pending: '待审核',
  published: '已发布',
  rejected: '已退回',
  withdrawn: '已撤回',
};

/**
 * 口径库: talking points in force (used word for word in answers), proposals waiting for an approver, the form to
 * propose one, and the record of earlier decisions. Staff see only what is in force; buttons appear only for what the
 * account may do.
 */
export function talkingPointsPage(options: {
  inForce: TalkingPoint[];
  proposals: TalkingPointProposal[];
  account: Account;
  csrfToken: string;
  /** A refused proposal's fields, filled in again. */
  fields?: Record<string, string>;
  /** The folder files were ingested from: a talking point's file is shown relative to it. */
  ingestedFolder?: string;
}): SafeHtml {
  const { account, csrfToken } = options;
  const typed = (name: string) => options.fields?.[name] ?? '';
  const canApprove = roleAllows(account.role, 'approve');
  // Staff see what is in force; proposals and the record are for the people who review.
  const canReview = roleAllows(account.role, 'review');
  const pending = options.proposals.filter((proposal) => proposal.status === 'pending');
  const decided = options.proposals.filter((proposal) => proposal.status !== 'pending');
  const proposalOf = new Map(
    options.proposals
      .filter((proposal) => proposal.documentId !== null)
      .map((proposal) => [proposal.documentId!, proposal]),
  );
  const decisionForm = (proposal: TalkingPointProposal, actions: Array<{ action: string; label: string }>) =>
    canApprove
      ? html`<form method="post" action="/talking-points/${proposal.id}/decisions" class="inline">
  <input type="hidden" name="csrf" value="${csrfToken}">
  <label>理由（退回、撤回时必填） <input type="text" name="reason" maxlength="500"></label>
  ${actions.map((action) => html`<button type="submit" name="action" value="${action.action}"${action.action === 'publish' ? html` class="primary"` : html` class="danger"`}>${action.label}</button>`)}
</form>`
      : '';
  const card = (
    proposal: TalkingPointProposal,
    body: SafeHtml | string,
  ) => html`<article class="card" id="talking-point-${proposal.id}">
<h3>${proposal.title}</h3>
<p class="muted">${STATUS_LABELS[proposal.status]} · 有效期至 ${proposal.expiresOn} · 拟稿 ${proposal.proposedBy}${proposal.decidedBy ? ` · 审核 ${proposal.decidedBy}` : ''}${proposal.reason ? ` · 理由：${proposal.reason}` : ''}</p>
<div class="document">${proposal.body}</div>
${body}
</article>`;
  return html`<p class="muted">经审核发布的口径在有效期内与问题高度吻合时，答复直接逐字使用并注明出处；撤回或过期后不再使用。</p>
<h2>在用口径（${options.inForce.length}）</h2>
${
  options.inForce.length === 0
    ? html`<p>暂无。</p>`
    : options.inForce.map((point) => {
        // Written in the console: withdrawn here. Ingested from a file: changed or removed at its source, then re-ingested.
        const proposal = proposalOf.get(point.documentId);
        return html`<article class="card" id="in-force-${point.documentId}">
<h3><a href="/documents/${point.documentId}">${point.title}</a></h3>
<p class="muted">审核 ${point.approver ?? '（未注明）'} · 有效期至 ${point.expiresOn ?? '（未注明）'} · ${proposal ? `口径库第 ${proposal.id} 号` : html`来自${sourceLabel(point, options.ingestedFolder)}（修改或撤下请改动源文件后重新导入）`}</p>
<div class="document">${point.chunks.map((chunk) => chunk.content).join('\n')}</div>
${proposal ? decisionForm(proposal, [{ action: 'withdraw', label: '撤回' }]) : ''}
</article>`;
      })
}
${
  canReview
    ? html`<h2>待审核（${pending.length}）</h2>
${
  pending.length === 0
    ? html`<p>暂无。</p>`
    : pending.map((proposal) =>
        card(
          proposal,
          decisionForm(proposal, [
            { action: 'publish', label: '批准发布' },
            { action: 'reject', label: '退回' },
          ]),
        ),
      )
}`
    : ''
}
${
  roleAllows(account.role, 'edit')
    ? html`<h2>拟写口径</h2>
<form method="post" action="/talking-points" class="card" id="propose">
  <input type="hidden" name="csrf" value="${csrfToken}">
  <p><label>标题 <input type="text" name="title" required maxlength="200" size="60" value="${typed('title')}"></label></p>
  <p><label>口径全文（已掌握的情况、已采取的措施、后续信息发布）<br><textarea name="text" required rows="10" cols="80" maxlength="20000">${typed('text')}</textarea></label></p>
  <p><label>有效期至 <input type="date" name="expires_on" required value="${typed('expires_on')}"></label></p>
  <button type="submit" class="primary">提交审核</button>
</form>`
    : ''
}
${!canReview || decided.length === 0 ? '' : html`<h2>记录</h2>${decided.map((proposal) => card(proposal, ''))}`}`;
}
