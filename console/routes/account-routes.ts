import { isHuiyingError } from '../../config/huiying-error.ts';
import { createAccount, listAccounts } from '../../review/accounts/accounts.ts';
import type { Role } from '../../review/accounts/roles.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import type { Flash } from '../../review/accounts/session-flash.ts';
import { redirectWithFlash, takePageFlash } from '../flash.ts';
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
        const flash = await takePageFlash(input, context.database);
        const accounts = await listAccounts(context.database);
        const body = accountsPage({ accounts, csrfToken: session.csrfToken, fields: flash.fields });
        sendPage(input, session, { title: '账号管理', body, notice: flash.notice, error: flash.error });
      },
    },
    {
      method: 'POST',
      path: /^\/accounts$/,
      async handle(input) {
        const { form } = await requireAccountForm(input, 'manage-accounts');
        // What was typed comes back with a refusal, the password excepted.
        const fields = {
          username: (form.get('username') ?? '').trim(),
          display_name: (form.get('display_name') ?? '').trim(),
          role: form.get('role') ?? '',
          unit: (form.get('unit') ?? '').trim(),
        };
        const back = (flash: Flash) => redirectWithFlash(input, context.database, { location: '/accounts', flash });
        try {
          await createAccount(context.database, {
            username: fields.username,
            displayName: fields.display_name || undefined,
            password: form.get('password') ?? '',
            role: fields.role as Role,
            unit: fields.unit || null,
          });
        } catch (error) {
          if (!isHuiyingError(error)) throw error;
          await back({ error: error.message, fields });
          return;
        }
        await back({ notice: '账号已创建。' });
      },
    },
  ];
}
