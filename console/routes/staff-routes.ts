import { randomBytes } from 'node:crypto';
import { authenticate, countAccounts } from '../../review/accounts/accounts.ts';
import { endSession, startSession } from '../../review/accounts/sessions.ts';
import { answerStaffQuestion } from '../../review/answer-staff-question.ts';
import { findVersion } from '../../review/read-cases.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { redirectWithFlash, takePageFlash } from '../flash.ts';
import { cookie, HttpError, readForm, redirect, sendHtml } from '../http-io.ts';
import { layout } from '../layout.ts';
import { loginPage } from '../pages/login-page.ts';
import { staffPage } from '../pages/staff-page.ts';
import type { Route, RouteRequest } from '../router.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';

export const SESSION_COOKIE = 'hy_session';
/** A random token given with the sign-in form and expected back with it (login CSRF: no signing in from another site). */
const LOGIN_COOKIE = 'hy_login';

/** Signing in and out, and the staff's internal policy questions. */
export function staffRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  // Only a path on this site: not //host, nor /\host (which browsers read as //host), and only printable ASCII
  // without a backslash, which is all a Location header can carry (a NUL or 中文 there would fail the redirect).
  const safeNext = (next: string | null) =>
    next && /^\/(?![\/\\])[\x21-\x5b\x5d-\x7e]*$/.test(next) ? next : '/queue';
  // The sign-in form with a pre-session token, in a cookie and in the form: a page elsewhere can post the form but
  // cannot read or set the cookie, so it cannot sign a visitor in to an account of its choosing.
  const sendLoginPage = async (
    input: RouteRequest,
    options: { next: string | null; error?: string; status?: number },
  ) => {
    const loginToken = input.cookies[LOGIN_COOKIE] ?? randomBytes(18).toString('base64url');
    const needsFirstAccount = (await countAccounts(context.database)) === 0;
    sendHtml(
      input.response,
      layout({
        title: '工作人员登录',
        error: options.error,
        body: loginPage({ next: safeNext(options.next), needsFirstAccount, loginToken }),
      }),
      {
        status: options.status,
        headers: {
          'set-cookie': cookie(LOGIN_COOKIE, loginToken, {
            maxAgeSeconds: 12 * 3600,
            secure: dependencies.secureCookies,
          }),
        },
      },
    );
  };
  return [
    {
      method: 'GET',
      path: /^\/login$/,
      handle: (input) => sendLoginPage(input, { next: input.url.searchParams.get('next') }),
    },
    {
      method: 'POST',
      path: /^\/login$/,
      async handle(input) {
        const { request, response } = input;
        const form = await readForm(request);
        const expected = input.cookies[LOGIN_COOKIE];
        if (!expected || form.get('login_token') !== expected) {
          await sendLoginPage(input, {
            next: form.get('next'),
            error: '登录页面已过期或来自其他网站，请重新输入用户名和密码登录。',
            status: 403,
          });
          return;
        }
        const username = form.get('username') ?? '';
        // Counted per username and per address before the password is checked (see SignInLimits).
        const attempt = await dependencies.limits.login.begin({
          username,
          address: dependencies.clientAddress(request),
        });
        if (!attempt.allowed)
          throw new HttpError(429, `登录尝试过于频繁，请 ${attempt.retryAfterSeconds} 秒后再试。`, {
            'retry-after': String(attempt.retryAfterSeconds),
          });
        const account = await authenticate(context.database, { username, password: form.get('password') ?? '' });
        if (!account) {
          await sendLoginPage(input, { next: form.get('next'), error: '用户名或密码不正确。', status: 401 });
          return;
        }
        await attempt.succeeded();
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
        const flash = await takePageFlash(input, context.database);
        const caseId = flash.staffAnswer?.caseId;
        const answer = caseId === undefined ? undefined : await findVersion(context.database, caseId, 1);
        sendHtml(
          input.response,
          layout({
            title: '政策问答（内部）',
            account: session.account,
            csrfToken: session.csrfToken,
            error: flash.error,
            body: staffPage({ csrfToken: session.csrfToken, question: flash.fields?.question, answer, caseId }),
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
        const { caseId } = await answerStaffQuestion(context, {
          question,
          asker: session.account,
          surface: 'web',
        });
        // The answer is shown on the page the redirect opens: reloading it does not ask (and record) the question again.
        await redirectWithFlash(input, context.database, {
          location: '/staff',
          flash: { staffAnswer: { caseId }, fields: { question } },
        });
      },
    },
  ];
}
