import { isHuiyingError } from '../../config/huiying-error.ts';
import { createAccount, listAccounts } from '../../review/accounts/accounts.ts';
import type { Role } from '../../review/accounts/roles.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { redirect } from '../http-io.ts';
import { accountsPage } from '../pages/accounts-page.ts';
import type { Route } from '../router.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';
import { sendPage } from './send-page.ts';

/** 账号管理 for admins: the accounts, and a form that adds one (a refused form is shown again with the reason). */
export function accountRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  return [
    {
      method: 'GET',
      path: /^\/accounts$/,
      async handle(input) {
        const session = requireAccount(input, 'manage-accounts');
        const body = accountsPage({ accounts: await listAccounts(context.database), csrfToken: session.csrfToken });
        const notice = input.url.searchParams.get('created') ? '账号已创建。' : undefined;
        sendPage(input, session, { title: '账号管理', body, notice });
      },
    },
    {
      method: 'POST',
      path: /^\/accounts$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'manage-accounts');
        try {
          await createAccount(context.database, {
            username: (form.get('username') ?? '').trim(),
            displayName: (form.get('display_name') ?? '').trim() || undefined,
            password: form.get('password') ?? '',
            role: (form.get('role') ?? '') as Role,
            unit: (form.get('unit') ?? '').trim() || null,
          });
        } catch (error) {
          if (!isHuiyingError(error)) throw error;
          const body = accountsPage({ accounts: await listAccounts(context.database), csrfToken: session.csrfToken });
          sendPage(input, session, { title: '账号管理', body, error: error.message, status: 400 });
          return;
        }
        redirect(input.response, '/accounts?created=1');
      },
    },
  ];
}
