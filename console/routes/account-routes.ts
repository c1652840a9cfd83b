import { isHuiyingError } from '../../config/huiying-error.ts';
import { findAccount, listAccountDetails, type Account } from '../../review/accounts/accounts.ts';
import {
  changeRoleOnRecord,
  createAccountOnRecord,
  disableAccountOnRecord,
  linkIdentityOnRecord,
} from '../../review/accounts/accounts-on-record.ts';
import type { Role } from '../../review/accounts/roles.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { HttpError, redirect } from '../http-io.ts';
import { accountsPage } from '../pages/accounts-page.ts';
import type { Route, RouteRequest } from '../router.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';
import { sendPage } from './send-page.ts';

const NOTICES: Record<string, string> = {
  created: '账号已创建。',
  role: '角色已更改。',
  identities: '聊天账号已关联。',
  disable: '账号已停用，其登录会话已结束。',
};

/**
 * 账号管理 for admins: the accounts, and forms that add one, change its role and unit, link a chat user to it and
 * disable it. Each change is audited with the admin who made it; a refused form is shown again with the reason.
 */
export function accountRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  const show = async (input: RouteRequest, messages: { notice?: string; error?: string; status?: number } = {}) => {
    const session = requireAccount(input, 'manage-accounts');
    const accounts = await listAccountDetails(context.database);
    const body = accountsPage({ accounts, self: session.account, csrfToken: session.csrfToken });
    sendPage(input, session, { title: '账号管理', body, ...messages });
  };
  // Runs one account change; a change the rules refuse (a bad field, an unknown account) shows the page again.
  const change = async (
    input: RouteRequest,
    done: string,
    step: (form: URLSearchParams, by: Account) => Promise<unknown>,
  ) => {
    const { session, form } = await requireAccountForm(input, 'manage-accounts');
    try {
      await step(form, session.account);
    } catch (error) {
      if (!isHuiyingError(error)) throw error;
      await show(input, { error: error.message, status: 400 });
      return;
    }
    redirect(input.response, done === 'created' ? '/accounts?created=1' : `/accounts?done=${done}`);
  };
  // Another admin's account, by the id in the path; an admin does not change their own (no locking oneself out).
  const other = async (input: RouteRequest, admin: Account): Promise<Account> => {
    const account = await findAccount(context.database, Number(input.params[0]));
    if (!account) throw new HttpError(404, '没有该账号（可能已停用）。');
    if (account.id === admin.id) throw new HttpError(403, '不能更改或停用自己的账号，请另一位管理员操作。');
    return account;
  };
  const by = (admin: Account) => ({ actor: admin, at: context.clock.now() });
  return [
    {
      method: 'GET',
      path: /^\/accounts$/,
      async handle(input) {
        const done = input.url.searchParams.get('done') ?? (input.url.searchParams.get('created') ? 'created' : '');
        await show(input, { notice: NOTICES[done] });
      },
    },
    {
      method: 'POST',
      path: /^\/accounts$/,
      handle: (input) =>
        change(input, 'created', (form, admin) =>
          createAccountOnRecord(context.database, {
            username: (form.get('username') ?? '').trim(),
            displayName: (form.get('display_name') ?? '').trim() || undefined,
            password: form.get('password') ?? '',
            role: (form.get('role') ?? '') as Role,
            unit: (form.get('unit') ?? '').trim() || null,
            by: by(admin),
          }),
        ),
    },
    {
      method: 'POST',
      path: /^\/accounts\/(\d{1,12})\/role$/,
      handle: (input) =>
        change(input, 'role', async (form, admin) =>
          changeRoleOnRecord(context.database, {
            username: (await other(input, admin)).username,
            role: (form.get('role') ?? '') as Role,
            unit: (form.get('unit') ?? '').trim() || null,
            by: by(admin),
          }),
        ),
    },
    {
      method: 'POST',
      path: /^\/accounts\/(\d{1,12})\/identities$/,
      handle: (input) =>
        change(input, 'identities', async (form, admin) => {
          const surface = form.get('surface') ?? '';
          const externalId = (form.get('external_id') ?? '').trim();
          if (!['slack', 'discord'].includes(surface) || !/^[A-Za-z0-9]{3,40}$/.test(externalId))
            throw new HttpError(400, '请选择平台（slack 或 discord）并填写该平台的用户 ID（字母和数字）。');
          const { username } = await other(input, admin);
          return linkIdentityOnRecord(context.database, { username, surface, externalId, by: by(admin) });
        }),
    },
    {
      method: 'POST',
      path: /^\/accounts\/(\d{1,12})\/disable$/,
      handle: (input) =>
        change(input, 'disable', async (_form, admin) =>
          disableAccountOnRecord(context.database, { username: (await other(input, admin)).username, by: by(admin) }),
        ),
    },
  ];
}
