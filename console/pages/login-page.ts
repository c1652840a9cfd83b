import { html, type SafeHtml } from '../html.ts';

export function loginPage(options: { next: string; needsFirstAccount: boolean; loginToken: string }): SafeHtml {
  return html`${
    options.needsFirstAccount
      ? html`<p class="error">尚无账号。请先停止服务，运行 <code>npx huiying user add &lt;用户名&gt; --role admin</code> 创建第一个管理员，再启动。</p>`
      : ''
  }<form method="post" action="/login" class="card">
  <input type="hidden" name="next" value="${options.next}">
  <input type="hidden" name="login_token" value="${options.loginToken}">
  <p><label>用户名 <input type="text" name="username" autocomplete="username" required></label></p>
  <p><label>密码 <input type="password" name="password" autocomplete="current-password" required></label></p>
  <button type="submit" class="primary">登录</button>
</form>`;
}
