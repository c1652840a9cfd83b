import { isHuiyingError } from '../../config/huiying-error.ts';
import { disableAccountOnRecord, revokeApiKeyOnRecord } from '../../review/accounts/account-changes.ts';
import { actorName, createAccount, listAccounts, listDisabledAccounts } from '../../review/accounts/accounts.ts';
import { listApiKeys } from '../../review/accounts/api-keys.ts';
import type { Role } from '../../review/accounts/roles.ts';
import type { Flash } from '../../review/accounts/session-flash.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { redirectWithFlash, takePageFlash } from '../flash.ts';
import { accountsPage } from '../pages/accounts-page.ts';
import type { Route, RouteRequest } from '../router.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';
import { sendPage } from './send-page.ts';

/**
 * 账号管理 for admins: the accounts and API keys; add an account, disable one, revoke a key. Every post goes back to
 * the page with its outcome (a refused form with what was typed, never the password).
 */
export function accountRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  const back = (input: RouteRequest, flash: Flash) =>
    redirectWithFlash(input, context.database, { location: '/accounts', flash });
  // A change the rules refuse (no such account, the last admin) goes back with the reason.
  const refusalsShown = async (input: RouteRequest, change: () => Promise<string>, fields?: Flash['fields']) => {
    let notice: string;
    try {
      notice = await change();
    } catch (error) {
      if (!isHuiyingError(error) || error.code !== 'usage-invalid') throw error;
      await back(input, { error: error.chineseMessage ?? error.message, fields });
      return;
    }
    await back(input, { notice });
  };
  return [
    {
      method: 'GET',
      path: /^\/accounts$/,
      async handle(input) {
        const session = requireAccount(input, 'manage-accounts');
        const flash = await takePageFlash(input, context.database);
        const [accounts, disabled, apiKeys] = await Promise.all([
          listAccounts(context.database),
          listDisabledAccounts(context.database),
          listApiKeys(context.database),
        ]);
        const body = accountsPage({ accounts, disabled, apiKeys, csrfToken: session.csrfToken, fields: flash.fields });
        sendPage(input, session, { title: '账号管理', body, notice: flash.notice, error: flash.error });
      },
    },
    {
      method: 'POST',
      path: /^\/accounts$/,
      async handle(input) {
        const { form } = await requireAccountForm(input, 'manage-accounts');
        const fields = {
          username: (form.get('username') ?? '').trim(),
          display_name: (form.get('display_name') ?? '').trim(),
          role: form.get('role') ?? '',
          unit: (form.get('unit') ?? '').trim(),
        };
        await refusalsShown(
          input,
          async () => {
            await createAccount(context.database, {
              username: fields.username,
              displayName: fields.display_name || undefined,
              password: form.get('password') ?? '',
              role: fields.role as Role,
              unit: fields.unit || null,
            });
            return '账号已创建。';
          },
          fields,
        );
      },
    },
    {
      method: 'POST',
      path: /^\/accounts\/disable$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'manage-accounts');
        const username = form.get('username') ?? '';
        await refusalsShown(input, async () => {
          await disableAccountOnRecord(context.database, {
            username,
            actor: actorName(session.account),
            now: context.clock.now(),
          });
          return `账号“${username}”已停用，其登录会话已结束。`;
        });
      },
    },
    {
      method: 'POST',
      path: /^\/api-keys\/revoke$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'manage-accounts');
        const key = form.get('key') ?? '';
        await refusalsShown(input, async () => {
          const revoked = await revokeApiKeyOnRecord(context.database, {
            key,
            actor: actorName(session.account),
            now: context.clock.now(),
          });
          return `API 密钥“${revoked.name}”（编号 ${revoked.id}）已吊销，使用它的请求将被拒绝。`;
        });
      },
    },
  ];
}
