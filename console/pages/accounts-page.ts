import type { Account } from '../../review/accounts/accounts.ts';
import type { ApiKeySummary } from '../../review/accounts/api-keys.ts';
import { ROLE_LABELS, ROLES } from '../../review/accounts/roles.ts';
import { formatChinaTime } from '../../text/format-time.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * Admins manage local accounts and API keys: add an account, disable one (its sessions end at once), revoke a key
 * (its next request is refused). Each change is recorded with the admin who made it.
 */
export function accountsPage(options: {
  accounts: Account[];
  disabled: Account[];
  apiKeys: ApiKeySummary[];
  csrfToken: string;
  /** A refused form's fields (never the password), filled in again. */
  fields?: Record<string, string>;
}): SafeHtml {
  const typed = (name: string) => options.fields?.[name] ?? '';
  const csrf = html`<input type="hidden" name="csrf" value="${options.csrfToken}">`;
  const disable = (account: Account) =>
    html`<form method="post" action="/accounts/disable" class="inline">${csrf}<input type="hidden" name="username" value="${account.username}"><button type="submit" class="danger" data-confirm="停用账号“${account.username}”？其登录会话将立即结束，历史记录保留。">停用</button></form>`;
  const revoke = (key: ApiKeySummary) =>
    html`<form method="post" action="/api-keys/revoke" class="inline">${csrf}<input type="hidden" name="key" value="${key.id}"><button type="submit" class="danger" data-confirm="吊销 API 密钥“${key.name}”？使用它的系统将立即无法提交。">吊销</button></form>`;
  return html`<table id="accounts"><thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>单位</th><th>操作</th></tr></thead><tbody>
${options.accounts.map((account) => html`<tr><td>${account.username}</td><td>${account.displayName}</td><td>${ROLE_LABELS[account.role]}</td><td>${account.unit ?? '全部'}</td><td>${disable(account)}</td></tr>`)}
</tbody></table>
${options.disabled.length > 0 ? html`<p class="muted" id="disabled-accounts">已停用：${options.disabled.map((account) => `${account.username}（${account.displayName}）`).join('、')}</p>` : ''}
<h2>新增账号</h2>
<form method="post" action="/accounts" class="card">
  ${csrf}
  <p><label>用户名 <input type="text" name="username" required value="${typed('username')}"></label> <label>姓名 <input type="text" name="display_name" value="${typed('display_name')}"></label></p>
  <p><label>密码（至少8位） <input type="password" name="password" required minlength="8" autocomplete="new-password"></label></p>
  <p><label>角色 <select name="role">${ROLES.map((role) => html`<option value="${role}" ${typed('role') === role ? 'selected' : ''}>${ROLE_LABELS[role]}</option>`)}</select></label>
     <label>审核单位（留空表示全部） <input type="text" name="unit" value="${typed('unit')}"></label></p>
  <button type="submit" class="primary">创建</button>
</form>
<h2>API 密钥</h2>
<p class="muted">外部系统（舆情监测、热线）提交来件所用的密钥。新建：<code>huiying key add &lt;名称&gt;</code>。</p>
${
  options.apiKeys.length === 0
    ? html`<p class="muted">暂无。</p>`
    : html`<table id="api-keys"><thead><tr><th>编号</th><th>名称</th><th>创建时间</th><th>状态</th><th>操作</th></tr></thead><tbody>
${options.apiKeys.map((key) => html`<tr><td>${key.id}</td><td>${key.name}</td><td class="nowrap">${formatChinaTime(key.createdAt)}</td><td>${key.revokedAt ? `已吊销（${formatChinaTime(key.revokedAt)}）` : '有效'}</td><td>${key.revokedAt ? '' : revoke(key)}</td></tr>`)}
</tbody></table>`
}`;
}
