import { authenticate, countAccounts } from '../../review/accounts/accounts.ts';
import { endSession, startSession } from '../../review/accounts/sessions.ts';
import { answerStaffQuestion } from '../../review/answer-staff-question.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { clientAddress, cookie, HttpError, readForm, redirect, sendHtml } from '../http-io.ts';
import { layout } from '../layout.ts';
import { loginPage } from '../pages/login-page.ts';
import { staffPage } from '../pages/staff-page.ts';
import type { Route } from '../router.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';

export const SESSION_COOKIE = 'hy_session';

/** Signing in and out, and the staff's internal policy questions. */
export function staffRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  // Only a path on this site: not //host, nor /\host (which browsers read as //host), nor control characters.
  const safeNext = (next: string | null) => (next && /^\/(?![\/\\])[^\s\\]*$/.test(next) ? next : '/queue');
  return [
    {
      method: 'GET',
      path: /^\/login$/,
      async handle({ response, url }) {
        const needsFirstAccount = (await countAccounts(context.database)) === 0;
        sendHtml(
          response,
          layout({
            title: '工作人员登录',
            body: loginPage({ next: safeNext(url.searchParams.get('next')), needsFirstAccount }),
          }),
        );
      },
    },
    {
      method: 'POST',
      path: /^\/login$/,
      async handle({ request, response }) {
        // Only failed attempts count, per address: an office behind one address signs in freely; guessing does not.
        const limit = await dependencies.limits.login.check(clientAddress(request));
        if (!limit.allowed)
          throw new HttpError(429, `登录失败次数过多，请 ${limit.retryAfterSeconds} 秒后再试。`, {
            'retry-after': String(limit.retryAfterSeconds),
          });
        const form = await readForm(request);
        const account = await authenticate(context.database, {
          username: form.get('username') ?? '',
          password: form.get('password') ?? '',
        });
        if (!account) {
          await dependencies.limits.login.take(clientAddress(request));
          sendHtml(
            response,
            layout({
              title: '工作人员登录',
              error: '用户名或密码不正确。',
              body: loginPage({ next: safeNext(form.get('next')), needsFirstAccount: false }),
            }),
            { status: 401 },
          );
          return;
        }
        const session = await startSession(context.database, { accountId: account.id, now: context.clock.now() });
        redirect(response, safeNext(form.get('next')), {
          'set-cookie': cookie(SESSION_COOKIE, session.token, { secure: dependencies.secureCookies }),
        });
      },
    },
    {
      method: 'POST',
      path: /^\/logout$/,
      async handle(input) {
        await requireAccountForm(input, 'ask');
        await endSession(context.database, input.cookies[SESSION_COOKIE]!);
        redirect(input.response, '/', {
          'set-cookie': cookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: dependencies.secureCookies }),
        });
      },
    },
    {
      method: 'GET',
      path: /^\/staff$/,
      async handle(input) {
        const session = requireAccount(input, 'ask');
        sendHtml(
          input.response,
          layout({
            title: '政策问答（内部）',
            account: session.account,
            csrfToken: session.csrfToken,
            body: staffPage({ csrfToken: session.csrfToken }),
          }),
        );
      },
    },
    {
      method: 'POST',
      path: /^\/staff$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'ask');
        const question = (form.get('question') ?? '').trim().slice(0, 4000);
        if (question === '') throw new HttpError(400, '请输入问题。');
        const { caseId, answer } = await answerStaffQuestion(context, {
          question,
          asker: session.account,
          surface: 'web',
        });
        sendHtml(
          input.response,
          layout({
            title: '政策问答（内部）',
            account: session.account,
            csrfToken: session.csrfToken,
            body: staffPage({ csrfToken: session.csrfToken, question, answer, caseId }),
          }),
        );
      },
    },
  ];
}
