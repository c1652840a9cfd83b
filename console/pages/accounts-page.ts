import type { Account } from '../../review/accounts/accounts.ts';
import { ROLE_LABELS, ROLES } from '../../review/accounts/roles.ts';
import { html, type SafeHtml } from '../html.ts';

/** Admins list and add local accounts. */
export function accountsPage(options: { accounts: Account[]; csrfToken: string }): SafeHtml {
  return html`<table id="accounts"><thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>单位</th></tr></thead><tbody>
${options.accounts.map((account) => html`<tr><td>${account.username}</td><td>${account.displayName}</td><td>${ROLE_LABELS[account.role]}</td><td>${account.unit ?? '全部'}</td></tr>`)}
</tbody></table>
<h2>新增账号</h2>
<form method="post" action="/accounts" class="card">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <p><label>用户名 <input type="text" name="username" required></label> <label>姓名 <input type="text" name="display_name"></label></p>
  <p><label>密码（至少8位） <input type="password" name="password" required minlength="8" autocomplete="new-password"></label></p>
  <p><label>角色 <select name="role">${ROLES.map((role) => html`<option value="${role}">${ROLE_LABELS[role]}</option>`)}</select></label>
     <label>审核单位（留空表示全部） <input type="text" name="unit"></label></p>
  <button type="submit">创建</button>
</form>`;
}
