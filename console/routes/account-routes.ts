import { isHuiyingError } from '../../config/huiying-error.ts';
import {
  checkNewAccount,
  findAccount,
  listAccountDetails,
  listDisabledAccounts,
  actorName,
  type Account,
} from '../../review/accounts/accounts.ts';
import {
  decideAccountChange,
  listPendingAccountChanges,
  requestAccountChange,
} from '../../review/accounts/account-change-requests.ts';
import { applyAccountChange, type AccountChange } from '../../review/accounts/accounts-on-record.ts';
import { listApiKeys } from '../../review/accounts/api-keys.ts';
import { revokeApiKeyOnRecord } from '../../review/accounts/api-keys-on-record.ts';
import { hashPassword } from '../../review/accounts/password-hash.ts';
import { ROLES, type Role } from '../../review/accounts/roles.ts';
import type { Flash } from '../../review/accounts/session-flash.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { redirectWithFlash, takePageFlash } from '../flash.ts';
import { HttpError } from '../http-io.ts';
import { accountsPage } from '../pages/accounts-page.ts';
import type { Route, RouteRequest } from '../router.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';
import { sendPage } from './send-page.ts';

const NOTICES: Record<string, string> = {
  create: '账号已创建。',
  role: '角色已更改。',
  link: '聊天账号已关联。',
  disable: '账号已停用，其登录会话已结束。',
  requested: '变更已提交，待另一位管理员确认后生效。',
  confirmed: '变更已确认并生效。',
  rejected: '变更已驳回。',
};

/**
 * 账号管理 for admins: the accounts, and forms that add one, change its role and unit, link a chat user to it and
 * disable it; the API keys, and revoking one. Each change is audited with the admin who made it; with
 * HUIYING_ADMIN_CHANGES_NEED_SECOND_ADMIN an account change waits until another admin confirms it. Every post goes
 * back to the page (POST/redirect/GET) with its outcome: a refused form with what was typed, never the password.
 */
export function accountRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  const back = (input: RouteRequest, flash: Flash) =>
    redirectWithFlash(input, context.database, { location: '/accounts', flash });
  // Runs a step; a refusal (a HuiyingError the rules raise) goes back with its reason, in Chinese where it has one.
  const refusalsShown = async (input: RouteRequest, step: () => Promise<string>, fields?: Flash['fields']) => {
    let notice: string;
    try {
      notice = await step();
    } catch (error) {
      if (!isHuiyingError(error)) throw error;
      await back(input, { error: error.chineseMessage ?? error.message, fields });
      return;
    }
    await back(input, { notice });
  };
  // Reads one change from a form and makes it (or, with a second admin required, asks for it).
  const change = async (
    input: RouteRequest,
    read: (form: URLSearchParams, admin: Account) => Promise<AccountChange>,
    fieldsOf?: (form: URLSearchParams) => Flash['fields'],
  ) => {
    const { session, form } = await requireAccountForm(input, 'manage-accounts');
    const at = context.clock.now();
    await refusalsShown(
      input,
      async () => {
        const wanted = await read(form, session.account);
        if (dependencies.adminChangesNeedSecondAdmin) {
          await requestAccountChange(context.database, { change: wanted, by: session.account, at });
          return NOTICES.requested!;
        }
        await context.database.transaction((transaction) =>
          applyAccountChange(transaction, wanted, { actor: session.account, at }),
        );
        return NOTICES[wanted.kind]!;
      },
      fieldsOf?.(form),
    );
  };
  // Another admin's account, by the id in the path; an admin does not change their own (no locking oneself out).
  const other = async (input: RouteRequest, admin: Account): Promise<Account> => {
    const account = await findAccount(context.database, Number(input.params[0]));
    if (!account) throw new HttpError(404, '没有该账号（可能已停用）。');
    if (account.id === admin.id) throw new HttpError(403, '不能更改或停用自己的账号，请另一位管理员操作。');
    return account;
  };
  const decide =
    (confirm: boolean): Route['handle'] =>
    async (input) => {
      const { session } = await requireAccountForm(input, 'manage-accounts');
      await refusalsShown(input, async () => {
        await decideAccountChange(context.database, {
          requestId: Number(input.params[0]),
          confirm,
          by: session.account,
          at: context.clock.now(),
        });
        return confirm ? NOTICES.confirmed! : NOTICES.rejected!;
      });
    };
  return [
    {
      method: 'GET',
      path: /^\/accounts$/,
      async handle(input) {
        const session = requireAccount(input, 'manage-accounts');
        const flash = await takePageFlash(input, context.database);
        const [accounts, pending, disabled, apiKeys] = await Promise.all([
          listAccountDetails(context.database),
          listPendingAccountChanges(context.database),
          listDisabledAccounts(context.database),
          listApiKeys(context.database),
        ]);
        const body = accountsPage({
          accounts,
          pending,
          disabled,
          apiKeys,
          self: session.account,
          csrfToken: session.csrfToken,
          fields: flash.fields,
        });
        sendPage(input, session, { title: '账号管理', body, notice: flash.notice, error: flash.error });
      },
    },
    {
      method: 'POST',
      path: /^\/accounts$/,
      handle: (input) =>
        change(
          input,
          async (form) => {
            const wanted = {
              username: (form.get('username') ?? '').trim(),
              displayName: (form.get('display_name') ?? '').trim() || undefined,
              role: (form.get('role') ?? '') as Role,
              unit: (form.get('unit') ?? '').trim() || null,
            };
            const password = form.get('password') ?? '';
            checkNewAccount({ ...wanted, password });
            return { kind: 'create', ...wanted, passwordHash: await hashPassword(password) };
          },
          // What was typed comes back with a refusal, the password excepted.
          (form) => ({
            username: (form.get('username') ?? '').trim(),
            display_name: (form.get('display_name') ?? '').trim(),
            role: form.get('role') ?? '',
            unit: (form.get('unit') ?? '').trim(),
          }),
        ),
    },
    {
      method: 'POST',
      path: /^\/accounts\/(\d{1,12})\/role$/,
      handle: (input) =>
        change(input, async (form, admin) => {
          const role = (form.get('role') ?? '') as Role;
          if (!ROLES.includes(role)) throw new HttpError(400, '请选择角色。');
          return {
            kind: 'role',
            username: (await other(input, admin)).username,
            role,
            unit: (form.get('unit') ?? '').trim() || null,
          };
        }),
    },
    {
      method: 'POST',
      path: /^\/accounts\/(\d{1,12})\/identities$/,
      handle: (input) =>
        change(input, async (form, admin) => {
          const surface = form.get('surface') ?? '';
          const externalId = (form.get('external_id') ?? '').trim();
          if (!['slack', 'discord'].includes(surface) || !/^[A-Za-z0-9]{3,40}$/.test(externalId))
            throw new HttpError(400, '请选择平台（slack 或 discord）并填写该平台的用户 ID（字母和数字）。');
          return { kind: 'link', username: (await other(input, admin)).username, surface, externalId };
        }),
    },
    {
      method: 'POST',
      path: /^\/accounts\/(\d{1,12})\/disable$/,
      handle: (input) =>
        change(input, async (_form, admin) => ({ kind: 'disable', username: (await other(input, admin)).username })),
    },
    { method: 'POST', path: /^\/accounts\/requests\/(\d{1,12})\/confirm$/, handle: decide(true) },
    { method: 'POST', path: /^\/accounts\/requests\/(\d{1,12})\/reject$/, handle: decide(false) },
    {
      // Revoking takes access away and gives none: at once, on record, even where account changes wait for a second admin.
      method: 'POST',
      path: /^\/api-keys\/(\d{1,12})\/revoke$/,
      async handle(input) {
        const { session } = await requireAccountForm(input, 'manage-accounts');
        await refusalsShown(input, async () => {
          const revoked = await revokeApiKeyOnRecord(context.database, {
            key: input.params[0]!,
            actor: actorName(session.account),
            now: context.clock.now(),
          });
          return `API 密钥“${revoked.name}”（编号 ${revoked.id}）已吊销，使用它的请求将被拒绝。`;
        });
      },
    },
  ];
}
