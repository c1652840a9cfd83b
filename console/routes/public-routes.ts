import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findVerifiedAnswer } from '../../review/find-verified-answer.ts';
import { findCaseByReference } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { cookie, HttpError, readForm, redirect, sendHtml } from '../http-io.ts';
import { layout } from '../layout.ts';
import { answerPage, askPage } from '../pages/public-pages.ts';
import type { Route } from '../router.ts';
import { packagePath } from '../../config/package-root.ts';

const STATIC_DIRECTORY = packagePath('console', 'static');
const STATIC_FILES: Record<string, { type: string; body: Buffer }> = {
  'console.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(STATIC_DIRECTORY, 'console.css')) },
  'console.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(STATIC_DIRECTORY, 'console.js')) },
};
const FORM_COOKIE = 'hy_form';
const PUBLIC_KINDS = ['citizen-question', 'information-request'] as const;

/** The public side: ask a question, look up the approved answer. No account needed; no draft is ever shown here. */
export function publicRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  return [
    {
      method: 'GET',
      path: /^\/$/,
      async handle({ response, cookies, session }) {
        // A random browser token: the form's CSRF check (double submit) and the citizen's pseudonymous identity.
        const formToken = cookies[FORM_COOKIE] ?? randomBytes(18).toString('base64url');
        sendHtml(
          response,
          layout({
            title: '政策咨询与政府信息公开',
            account: session?.account,
            csrfToken: session?.csrfToken,
            body: askPage({ formToken }),
          }),
          {
            headers: {
              'set-cookie': cookie(FORM_COOKIE, formToken, {
                maxAgeSeconds: 365 * 24 * 3600,
                secure: dependencies.secureCookies,
              }),
            },
          },
        );
      },
    },
    {
      method: 'POST',
      path: /^\/inquiries$/,
      async handle({ request, response, cookies }) {
        const limit = await dependencies.limits.publicForm.take(dependencies.clientAddress(request));
        if (!limit.allowed)
          throw new HttpError(429, `提交过于频繁，请 ${limit.retryAfterSeconds} 秒后再试。`, {
            'retry-after': String(limit.retryAfterSeconds),
          });
        const form = await readForm(request, 64 * 1024);
        const token = cookies[FORM_COOKIE];
        if (!token || form.get('form_token') !== token) throw new HttpError(403, '表单已过期，请返回首页重新提交。');
        const text = (form.get('text') ?? '').trim();
        const kind = PUBLIC_KINDS.find((candidate) => candidate === form.get('kind')) ?? 'citizen-question';
        if (text.length < 4 || text.length > 4000) throw new HttpError(400, '问题应为4至4000字，请修改后重新提交。');
        const received = await submitInquiry(context, {
          kind,
          text,
          surface: 'web',
          authorId: token,
          receivedBy: 'surface:web',
        });
        void dependencies.worker.kick('draft');
        redirect(response, `/answers/${received.publicReference}`);
      },
    },
    {
      method: 'GET',
      path: /^\/answers$/,
      async handle({ response, url }) {
        redirect(
          response,
          `/answers/${encodeURIComponent((url.searchParams.get('reference') ?? '').trim().toUpperCase())}`,
        );
      },
    },
    {
      method: 'GET',
      path: /^\/answers\/([A-Za-z0-9-]{1,40})$/,
      async handle({ response, params, session }) {
        const found = await findCaseByReference(context.database, params[0]!);
        // A staff member's internal question is never public: its reference has no page, as if it did not exist.
        if (!found || found.kind === 'staff-question') throw new HttpError(404, '未找到该查询码，请核对后重试。');
        const answer = await findVerifiedAnswer(context.database, found.id);
        if (answer && !answer.shown)
          dependencies.log?.(
            `[public] answer of case ${found.id} withheld: ${answer.reason}; run huiying audit verify`,
          );
        sendHtml(
          response,
          layout({
            title: '答复查询',
            account: session?.account,
            csrfToken: session?.csrfToken,
            body: answerPage({ found, answer }),
          }),
        );
      },
    },
    {
      method: 'GET',
      path: /^\/static\/([a-z.]+)$/,
      async handle({ response, params }) {
        const file = STATIC_FILES[params[0]!];
        if (!file) throw new HttpError(404, '文件不存在。');
        response.writeHead(200, {
          'content-type': file.type,
          'cache-control': 'public, max-age=300',
          'x-content-type-options': 'nosniff',
        });
        response.end(file.body);
      },
    },
  ];
}
