import { createAccount, listAccounts } from '../../review/accounts/accounts.ts';
import type { Role } from '../../review/accounts/roles.ts';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { findDocument, listDocuments } from '../../ingest/document-queries.ts';
import { findPassage } from '../../retrieval/passage-queries.ts';
import { isHuiyingError } from '../../config/huiying-error.ts';
import { decideCase } from '../../review/decide-case.ts';
import type { Decision } from '../../review/decision.ts';
import { findCase, listClosedCases, listOpenCases, listVersions } from '../../review/read-cases.ts';
import { findDeliveryState, retryDelivery } from '../../review/retry-delivery.ts';
import { revealOriginalText } from '../../review/reveal-original-text.ts';
import { reopenForCorrection } from '../../review/reopen-for-correction.ts';
import { withdrawPostedAnswer } from '../../review/withdraw-posted-answer.ts';
import type { Severity } from '../../triage/triage-rules.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { HttpError, redirect, sendHtml } from '../http-io.ts';
import { layout } from '../layout.ts';
import { accountsPage } from '../pages/accounts-page.ts';
import { casePage } from '../pages/case-page.ts';
import { documentPage, documentsPage } from '../pages/documents-page.ts';
import { queuePage } from '../pages/queue-page.ts';
import { sourcePage } from '../pages/source-page.ts';
import type { Route, RouteRequest } from '../router.ts';
import { showingRefusal } from './refused-step.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';

const NOTICES: Record<string, string> = {
  edit: '已保存为新版本，等待审核。',
  approve: '已批准，答复将发布到来件渠道。',
  reject: '已退回修改。',
  escalate: '已上报。',
  reassign: '已转办。',
  reclassify: '已调整级别，期限已重新计算。',
  retry: '已重新加入发布队列。',
  withdraw: '答复已撤回，公开页面已注明，不再用于后续答复。',
  correct: '答复已退回更正：修改后需另一位审核人批准，更正稿发布后替换原答复。',
};

/** The reviewers' side: queue, case, decisions, cited passages, accounts. */
export function reviewRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  const showCase = async (
    input: RouteRequest,
    caseId: number,
    messages: { notice?: string; error?: string; status?: number; original?: string } = {},
  ) => {
    const session = requireAccount(input, 'review');
    const found = await findCase(context.database, caseId);
    if (!found) throw new HttpError(404, `没有编号为 ${caseId} 的案件。`);
    const [versions, audit, delivery] = await Promise.all([
      listVersions(context.database, caseId),
      readAuditLog(context.database, { caseId }),
      findDeliveryState(context.database, caseId),
    ]);
    const body = casePage({
      found,
      versions,
      audit,
      delivery,
      original: messages.original,
      account: session.account,
      csrfToken: session.csrfToken,
      now: context.clock.now(),
    });
    sendHtml(
      input.response,
      layout({
        title: `案件 #${caseId}`,
        account: session.account,
        csrfToken: session.csrfToken,
        notice: messages.notice,
        error: messages.error,
        body,
      }),
      { status: messages.status },
    );
  };
  // Runs a step on a case; one the workflow refuses shows the case again with the reason (409), not an error page.
  const refusalsShown = (input: RouteRequest, caseId: number, step: () => Promise<void>) =>
    showingRefusal(step, (error) => showCase(input, caseId, { error, status: 409 }));
  return [
    {
      method: 'GET',
      path: /^\/queue$/,
      async handle(input) {
        const session = requireAccount(input, 'review');
        const now = context.clock.now();
        const overdueOnly = input.url.searchParams.get('overdue') === '1';
        const [open, closed] = await Promise.all([
          listOpenCases(context.database, overdueOnly ? { overdueAt: now } : {}),
          listClosedCases(context.database, { limit: 10 }),
        ]);
        const body = queuePage({ open, closed, notices: dependencies.webSurface.notices, now, overdueOnly });
        sendHtml(
          input.response,
          layout({ title: '审核队列', account: session.account, csrfToken: session.csrfToken, body }),
        );
      },
    },
    {
      method: 'GET',
      path: /^\/cases\/(\d{1,12})$/,
      async handle(input) {
        const notice = input.url.searchParams.get('done');
        await showCase(input, Number(input.params[0]), { notice: notice ? NOTICES[notice] : undefined });
      },
    },
    {
      method: 'POST',
      path: /^\/cases\/(\d{1,12})\/decisions$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'review');
        const caseId = Number(input.params[0]);
        const decision = readDecision(form);
        await refusalsShown(input, caseId, async () => {
          const outcome = await decideCase(context, { caseId, actor: session.account, decision });
          if (decision.action === 'approve') void dependencies.worker.kick('deliver');
          if (outcome.warnings.length > 0)
            await showCase(input, caseId, {
              notice: NOTICES[decision.action],
              error: `请注意：${outcome.warnings.join('；')}`,
            });
          else redirect(input.response, `/cases/${caseId}?done=${decision.action}`);
        });
      },
    },
    {
      method: 'POST',
      path: /^\/cases\/(\d{1,12})\/original$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'approve');
        const caseId = Number(input.params[0]);
        await refusalsShown(input, caseId, async () => {
          const original = await revealOriginalText(context, {
            caseId,
            actor: session.account,
            reason: form.get('reason') ?? '',
          });
          await showCase(input, caseId, { original });
        });
      },
    },
    {
      method: 'POST',
      path: /^\/cases\/(\d{1,12})\/retry-delivery$/,
      async handle(input) {
        const { session } = await requireAccountForm(input, 'approve');
        const caseId = Number(input.params[0]);
        await refusalsShown(input, caseId, async () => {
          await retryDelivery(context, { caseId, actor: session.account });
          void dependencies.worker.kick('deliver');
          redirect(input.response, `/cases/${caseId}?done=retry`);
        });
      },
    },
    {
      method: 'POST',
      path: /^\/cases\/(\d{1,12})\/(withdraw|correct)-answer$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'approve');
        const caseId = Number(input.params[0]);
        const step = input.params[1] === 'withdraw' ? withdrawPostedAnswer : reopenForCorrection;
        await refusalsShown(input, caseId, async () => {
          await step(context, { caseId, actor: session.account, reason: form.get('reason') ?? '' });
          redirect(input.response, `/cases/${caseId}?done=${input.params[1]}`);
        });
      },
    },
    {
      method: 'GET',
      path: /^\/sources\/(\d{1,12})$/,
      async handle(input) {
        const session = requireAccount(input, 'ask');
        const passage = await findPassage(context.database, Number(input.params[0]));
        if (!passage) throw new HttpError(404, '未找到该引用段落（文档可能已被重新导入）。');
        sendHtml(
          input.response,
          layout({
            title: passage.title,
            account: session.account,
            csrfToken: session.csrfToken,
            body: sourcePage(passage),
          }),
        );
      },
    },
    {
      method: 'GET',
      path: /^\/documents$/,
      async handle(input) {
        const session = requireAccount(input, 'ask');
        const all = input.url.searchParams.get('all') === '1';
        const body = documentsPage({ documents: await listDocuments(context.database, { all }), all });
        sendHtml(
          input.response,
          layout({ title: '知识库', account: session.account, csrfToken: session.csrfToken, body }),
        );
      },
    },
    {
      method: 'GET',
      path: /^\/documents\/(\d{1,12})$/,
      async handle(input) {
        const session = requireAccount(input, 'ask');
        const found = await findDocument(context.database, Number(input.params[0]));
        if (!found) throw new HttpError(404, '未找到该文件。');
        sendHtml(
          input.response,
          layout({
            title: found.document.title,
            account: session.account,
            csrfToken: session.csrfToken,
            body: documentPage(found),
          }),
        );
      },
    },
    {
      method: 'GET',
      path: /^\/accounts$/,
      async handle(input) {
        const session = requireAccount(input, 'manage-accounts');
        const body = accountsPage({ accounts: await listAccounts(context.database), csrfToken: session.csrfToken });
        sendHtml(
          input.response,
          layout({
            title: '账号管理',
            account: session.account,
            csrfToken: session.csrfToken,
            notice: input.url.searchParams.get('created') ? '账号已创建。' : undefined,
            body,
          }),
        );
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
          sendHtml(
            input.response,
            layout({
              title: '账号管理',
              account: session.account,
              csrfToken: session.csrfToken,
              error: error.message,
              body,
            }),
            { status: 400 },
          );
          return;
        }
        redirect(input.response, '/accounts?created=1');
      },
    },
  ];
}

function readDecision(form: URLSearchParams): Decision {
  const text = (name: string) => form.get(name) ?? '';
  const version = Number(text('version'));
  switch (text('action')) {
    case 'edit':
      return { action: 'edit', basedOnVersion: version, text: text('text') };
    case 'approve':
      return { action: 'approve', version, textHash: text('text_hash') };
    case 'reject':
      return { action: 'reject', reason: text('reason') };
    case 'escalate':
      return { action: 'escalate', reason: text('reason') };
    case 'reassign':
      return { action: 'reassign', unit: text('unit') };
    case 'reclassify':
      return { action: 'reclassify', severity: text('severity') as Severity };
    default:
      throw new HttpError(400, `未知操作“${text('action')}”。`);
  }
}
