import type { PendingAccountChange } from '../../review/accounts/account-change-requests.ts';
import type { Account, AccountDetails } from '../../review/accounts/accounts.ts';
import type { ApiKeySummary } from '../../review/accounts/api-keys.ts';
import { ROLE_LABELS, ROLES } from '../../review/accounts/roles.ts';
import { formatChinaTime } from '../../text/format-time.ts';
import { html, type SafeHtml } from '../html.ts';

const SURFACES = ['slack', 'discord'] as const;

/**
 * Admins list, add, re-role, disable and link local accounts, and revoke API keys. Every change is recorded in the
 * audit trail with the admin who made it; an admin's own row has no forms (another admin changes it).
 */
export function accountsPage(options: {
  accounts: AccountDetails[];
  pending: PendingAccountChange[];
  disabled: Account[];
  apiKeys: ApiKeySummary[];
  self: Account;
  csrfToken: string;
  /** A refused form's fields (never the password), filled in again. */
  fields?: Record<string, string>;
}): SafeHtml {
  const typed = (name: string) => options.fields?.[name] ?? '';
  const csrf = html`<input type="hidden" name="csrf" value="${options.csrfToken}">`;
  const rows = options.accounts.map((account) => accountRow({ account, csrf, self: account.id === options.self.id }));
  return html`${options.pending.length > 0 ? pendingChanges(options.pending, { csrf, self: options.self }) : ''}
<table id="accounts"><thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>单位</th><th>创建</th><th>关联聊天账号</th><th>操作</th></tr></thead><tbody>
${rows}
</tbody></table>
${options.disabled.length > 0 ? html`<p class="muted" id="disabled-accounts">已停用：${options.disabled.map((account) => `${account.username}（${account.displayName}）`).join('、')}</p>` : ''}
<p class="muted">账号的创建、停用、角色变更和关联均记入审核记录（含操作的管理员）。</p>
<h2>新增账号</h2>
<form method="post" action="/accounts" class="card">
  ${csrf}
  <p><label>用户名 <input type="text" name="username" required value="${typed('username')}"></label> <label>姓名 <input type="text" name="display_name" value="${typed('display_name')}"></label></p>
  <p><label>密码（至少8位） <input type="password" name="password" required minlength="8" autocomplete="new-password"></label></p>
  <p><label>角色 <select name="role">${roleOptions(typed('role'))}</select></label>
     <label>审核单位（留空表示全部） <input type="text" name="unit" value="${typed('unit')}"></label></p>
  <button type="submit" class="primary">创建</button>
</form>
${apiKeysSection(options.apiKeys, csrf)}`;
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
<form method="post" action="${action('disable')}" class="inline">${csrf}<button type="submit" class="danger" data-confirm="停用账号“${account.username}”？其登录会话将立即结束，历史记录保留。">停用</button></form>`;
}

function roleOptions(selected?: string): SafeHtml[] {
  return ROLES.map(
    (role) => html`<option value="${role}" ${role === selected ? 'selected' : ''}>${ROLE_LABELS[role]}</option>`,
  );
}

// The keys other systems submit with; revoking one refuses its next request.
function apiKeysSection(apiKeys: ApiKeySummary[], csrf: SafeHtml): SafeHtml {
  const revoke = (key: ApiKeySummary) =>
    html`<form method="post" action="/api-keys/${key.id}/revoke" class="inline">${csrf}<button type="submit" class="danger" data-confirm="吊销 API 密钥“${key.name}”？使用它的系统将立即无法提交。">吊销</button></form>`;
  const rows = apiKeys.map(
    (key) =>
      html`<tr><td>${key.id}</td><td>${key.name}</td><td class="nowrap">${formatChinaTime(key.createdAt)}</td><td>${key.revokedAt ? `已吊销（${formatChinaTime(key.revokedAt)}）` : '有效'}</td><td>${key.revokedAt ? '' : revoke(key)}</td></tr>`,
  );
  return html`<h2>API 密钥</h2>
<p class="muted">外部系统（舆情监测、热线）提交来件所用的密钥。新建：<code>huiying key add &lt;名称&gt;</code>；吊销即时生效并记入审核记录。</p>
${
  apiKeys.length === 0
    ? html`<p class="muted">暂无。</p>`
    : html`<table id="api-keys"><thead><tr><th>编号</th><th>名称</th><th>创建时间</th><th>状态</th><th>操作</th></tr></thead><tbody>
${rows}
</tbody></table>`
}`;
}
