import type { Account } from '../review/accounts/accounts.ts';
import { ROLE_LABELS, roleAllows } from '../review/accounts/roles.ts';
import { html, type SafeHtml } from './html.ts';

/** The page frame: navigation for the signed-in person, a notice line, the content. */
export function layout(options: {
  title: string;
  account?: Account;
  csrfToken?: string;
  notice?: string;
  error?: string;
  /** Wide tables (知识库, the queue): the page may use more of a large screen. */
  wide?: boolean;
  body: SafeHtml;
}): SafeHtml {
  const { account } = options;
  const navigation = account
    ? html`<nav aria-label="主导航">
        <a href="/">公众页面</a>
        <a href="/staff">政策问答</a>
        <a href="/documents">知识库</a>
        <a href="/talking-points">口径库</a>
        ${roleAllows(account.role, 'review') ? html`<a href="/queue">审核队列</a>` : ''}
        ${roleAllows(account.role, 'edit') ? html`<a href="/check">核稿</a>` : ''}
        ${roleAllows(account.role, 'manage-accounts') ? html`<a href="/accounts">账号管理</a>` : ''}
        ${roleAllows(account.role, 'manage-calendar') ? html`<a href="/holidays">节假日安排</a>` : ''}
        <span class="who">${account.displayName}（${ROLE_LABELS[account.role]}${account.unit ? `，${account.unit}` : ''}）</span>
        <form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="${options.csrfToken ?? ''}"><button type="submit">退出</button></form>
      </nav>`
    : html`<nav aria-label="主导航"><a href="/">公众页面</a><a href="/login">工作人员登录</a></nav>`;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · 回应</title>
<link rel="stylesheet" href="/static/console.css">
<script src="/static/console.js" defer></script>
</head>
<body>
<header><strong>回应 huiying</strong>${navigation}</header>
<main${options.wide ? html` class="wide"` : ''}>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>`;
}
