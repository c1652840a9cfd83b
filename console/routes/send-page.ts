import type { Account } from '../../review/accounts/accounts.ts';
import type { Session } from '../../review/accounts/sessions.ts';
import type { SafeHtml } from '../html.ts';
import { sendHtml } from '../http-io.ts';
import { layout } from '../layout.ts';
import type { RouteRequest } from '../router.ts';

/** Sends a page to a signed-in person: the layout with their navigation and CSRF token around `body`. */
export function sendPage(
  input: RouteRequest,
  session: Session & { account: Account },
  page: { title: string; body: SafeHtml; notice?: string; error?: string; status?: number; wide?: boolean },
): void {
  sendHtml(
    input.response,
    layout({
      title: page.title,
      account: session.account,
      csrfToken: session.csrfToken,
      notice: page.notice,
      error: page.error,
      wide: page.wide,
      body: page.body,
    }),
    { status: page.status },
  );
}
