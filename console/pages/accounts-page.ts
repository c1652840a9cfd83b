import type { PendingAccountChange } from '../../review/accounts/account-change-requests.ts';
import type { Account, AccountDetails } from '../../review/accounts/accounts.ts';
import { ROLE_LABELS, ROLES } from '../../review/accounts/roles.ts';
import { formatChinaTime } from '../../text/format-time.ts';
import { html, type SafeHtml } from '../html.ts';

const SURFACES = ['slack', 'discord'] as const;

/**
 * Admins list, add, re-role, disable and link local accounts. Every change is recorded in the audit trail with the
 * admin who made it; an admin's own row has no forms (another admin changes it).
 */
export function accountsPage(options: {
  accounts: AccountDetails[];
  pending: PendingAccountChange[];
  self: Account;
  csrfToken: string;
}): SafeHtml {
  const csrf = html`<input type="hidden" name="csrf" value="${options.csrfToken}">`;
  const rows = options.accounts.map((account) => accountRow({ account, csrf, self: account.id === options.self.id }));
  return html`${options.pending.length > 0 ? pendingChanges(options.pending, { csrf, self: options.self }) : ''}
<table id="accounts"><thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>单位</th><th>创建</th><th>关联聊天账号</th><th>操作</th></tr></thead><tbody>
${rows}
</tbody></table>
<p class="muted">账号的创建、停用、角色变更和关联均记入审核记录（含操作的管理员）。</p>
<h2>新增账号</h2>
<form method="post" action="/accounts" class="card">
  ${csrf}
  <p><label>用户名 <input type="text" name="username" required></label> <label>姓名 <input type="text" name="display_name"></label></p>
  <p><label>密码（至少8位） <input type="password" name="password" required minlength="8" autocomplete="new-password"></label></p>
  <p><label>角色 <select name="role">${roleOptions()}</select></label>
     <label>审核单位（留空表示全部） <input type="text" name="unit"></label></p>
  <button type="submit">创建</button>
</form>`;
}

// Changes waiting for a second admin: another admin confirms or rejects; the one who asked sees them waiting.
function pendingChanges(pending: PendingAccountChange[], options: { csrf: SafeHtml; self: Account }): SafeHtml {
  const rows = pending.map((change) => {
    const action = (what: string) => `/accounts/requests/${change.id}/${what}`;
    const buttons =
      change.requestedBy.id === options.self.id
        ? html`<span class="muted">待另一位管理员确认</span>`
        : html`<form method="post" action="${action('confirm')}" class="inline">${options.csrf}<button type="submit">确认</button></form>
<form method="post" action="${action('reject')}" class="inline">${options.csrf}<button type="submit">驳回</button></form>`;
    return html`<tr id="request-${change.id}"><td>${change.summary}</td><td>${change.requestedBy.username}，${formatChinaTime(change.requestedAt)}</td><td>${buttons}</td></tr>`;
  });
  return html`<h2>待确认的账号变更</h2>
<table id="pending-changes"><thead><tr><th>变更</th><th>提出</th><th>操作</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function accountRow(options: { account: AccountDetails; csrf: SafeHtml; self: boolean }): SafeHtml {
  const { account, csrf } = options;
  const created = html`${formatChinaTime(account.createdAt)}<br><span class="muted">${account.createdBy ?? '（未记录）'}</span>`;
  const identities = account.identities.length > 0 ? account.identities.join('、') : '—';
  const cells = html`<td>${account.username}</td><td>${account.displayName}</td><td>${ROLE_LABELS[account.role]}</td><td>${account.unit ?? '全部'}</td><td>${created}</td><td>${identities}</td>`;
  return html`<tr id="account-${account.id}">${cells}<td>${options.self ? html`<span class="muted">（本人，请另一位管理员操作）</span>` : accountForms(account, csrf)}</td></tr>`;
}

function accountForms(account: AccountDetails, csrf: SafeHtml): SafeHtml {
  const action = (what: string) => `/accounts/${account.id}/${what}`;
  const unit = html`<input type="text" name="unit" value="${account.unit ?? ''}" placeholder="单位（留空表示全部）" aria-label="单位">`;
  const surfaces = SURFACES.map((surface) => html`<option value="${surface}">${surface}</option>`);
  return html`<form method="post" action="${action('role')}" class="inline">${csrf}<select name="role" aria-label="角色">${roleOptions(account.role)}</select>${unit}<button type="submit">更改角色</button></form>
<form method="post" action="${action('identities')}" class="inline">${csrf}<select name="surface" aria-label="平台">${surfaces}</select><input type="text" name="external_id" placeholder="平台用户 ID" aria-label="平台用户 ID" required><button type="submit">关联</button></form>
<form method="post" action="${action('disable')}" class="inline">${csrf}<button type="submit">停用</button></form>`;
}

function roleOptions(selected?: string): SafeHtml[] {
  return ROLES.map(
    (role) => html`<option value="${role}" ${role === selected ? 'selected' : ''}>${ROLE_LABELS[role]}</option>`,
  );
}
