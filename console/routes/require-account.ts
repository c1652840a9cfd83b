import type { Account } from '../../review/accounts/accounts.ts';
import { ROLE_LABELS, roleAllows, type Action } from '../../review/accounts/roles.ts';
import type { Session } from '../../review/accounts/sessions.ts';
import { HttpError, readForm } from '../http-io.ts';
import type { RouteRequest } from '../router.ts';

/** The signed-in session allowed to do `action`; sends people who are not signed in to the login page. */
export function requireAccount(input: RouteRequest, action: Action): Session & { account: Account } {
  if (!input.session)
    throw new HttpError(303, '请先登录。', {
      location: `/login?next=${encodeURIComponent(input.url.pathname + input.url.search)}`,
    });
  if (!roleAllows(input.session.account.role, action))
    throw new HttpError(403, `您的角色（${ROLE_LABELS[input.session.account.role]}）无权进行此操作。`);
  return input.session;
}

/** Rejects a form that does not carry the session's CSRF token (a page on another site cannot know it). */
function requireCsrf(form: URLSearchParams, session: Session): void {
  if (form.get('csrf') !== session.csrfToken)
    throw new HttpError(403, '表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试。');
}

/** For a form post: the signed-in session allowed to do `action`, and its form, carrying the session's CSRF token. */
export async function requireAccountForm(
  input: RouteRequest,
  action: Action,
): Promise<{ session: Session & { account: Account }; form: URLSearchParams }> {
  const session = requireAccount(input, action);
  const form = await readForm(input.request);
  requireCsrf(form, session);
  return { session, form };
}
