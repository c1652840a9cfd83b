import { readAuditLog } from '../../audit/read-audit-log.ts';
import { closestApprovedAnswers } from '../../retrieval/closest-approved-answer.ts';
import type { Flash } from '../../review/accounts/session-flash.ts';
import { mayChangeCaseText } from '../../review/accounts/roles.ts';
import { findCasePeople } from '../../review/case-people.ts';
import { decideCase } from '../../review/decide-case.ts';
import { findCase, listVersions } from '../../review/read-cases.ts';
import { findDeliveryState, retryDelivery } from '../../review/retry-delivery.ts';
import { revealOriginalText } from '../../review/reveal-original-text.ts';
import { reopenForCorrection } from '../../review/reopen-for-correction.ts';
import { withdrawPostedAnswer } from '../../review/withdraw-posted-answer.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { redirectWithFlash, takePageFlash } from '../flash.ts';
import { HttpError } from '../http-io.ts';
import { casePage } from '../pages/case-page.ts';
import type { Route, RouteRequest } from '../router.ts';
import { readDecision } from './read-decision.ts';
import { searchQueryString } from './read-evidence-search.ts';
import { searchEvidence } from './search-evidence.ts';
import { showingRefusal } from './refused-step.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';
import { sendPage } from './send-page.ts';

const NOTICES: Record<string, string> = {
  edit: '已保存为新版本，等待审核。',
  'add-source': '已加入依据，保存为新版本：可在修改草稿中用其编号引用。',
  'remove-source': '已移除依据，保存为新版本。',
  redraft: '已按所选依据重新起草为新版本，等待审核。',
  'adopt-answer': '已以相似答复为基础保存为新版本（含其依据），等待审核。',
  approve: '已批准，答复将发布到来件渠道。',
  reject: '已退回修改。',
  escalate: '已上报。',
  reassign: '已转办。',
  reclassify: '已调整级别，期限已重新计算。',
  retry: '已重新加入发布队列。',
  withdraw: '答复已撤回，公开页面已注明，不再用于后续答复。',
  correct: '答复已退回更正：修改后需另一位审核人批准，更正稿发布后替换原答复。',
};

// How many similar posted answers the case page lists.
const SIMILAR_ANSWERS = 3;

/**
 * One case for reviewers: its page, the decisions taken on it, reading the original text, retrying its delivery.
 * Every post is answered with a redirect to the case page (POST/redirect/GET), its outcome shown there once, so a
 * reload never sends a decision again.
 */
export function caseRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  // `search` (a query string) brings the reviewer back to the knowledge-base search a passage was added from.
  const backToCase = (input: RouteRequest, caseId: number, flash: Flash, search = '') =>
    redirectWithFlash(input, context.database, {
      location: `/cases/${caseId}${search ? `?${search}#evidence` : ''}`,
      flash,
    });
  // Runs a step on a case; one the workflow refuses goes back to the case with the reason (and what was typed).
  const refusalsShown = (
    input: RouteRequest,
    caseId: number,
    step: () => Promise<void>,
    kept: { fields?: Flash['fields']; search?: string } = {},
  ) => showingRefusal(step, (error) => backToCase(input, caseId, { error, fields: kept.fields }, kept.search));
  return [
    {
      method: 'GET',
      path: /^\/cases\/(\d{1,12})$/,
      async handle(input) {
        const session = requireAccount(input, 'review');
        const caseId = Number(input.params[0]);
        const found = await findCase(context.database, caseId);
        if (!found) throw new HttpError(404, `没有编号为 ${caseId} 的案件。`);
        const flash = await takePageFlash(input, context.database);
        const [versions, audit, delivery, people, similarAnswers, search] = await Promise.all([
          listVersions(context.database, caseId),
          readAuditLog(context.database, { caseId }),
          findDeliveryState(context.database, caseId),
          findCasePeople(context.database, { caseId }),
          closestApprovedAnswers(context.database, {
            question: found.displayText,
            limit: SIMILAR_ANSWERS,
            excludeCaseId: caseId,
          }),
          // A search is run only for a reviewer who could add what it finds.
          mayChangeCaseText(session.account, found) ? searchEvidence(context, input.url.searchParams) : undefined,
        ]);
        const body = casePage({
          found,
          versions,
          audit,
          delivery,
          people,
          similarAnswers,
          search,
          original: flash.original?.caseId === caseId ? flash.original.text : undefined,
          editText: flash.fields?.text,
          account: session.account,
          csrfToken: session.csrfToken,
          now: context.clock.now(),
        });
        sendPage(input, session, { title: `案件 #${caseId}`, body, notice: flash.notice, error: flash.error });
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
          await backToCase(input, caseId, { notice: NOTICES[input.params[1]!] });
        });
      },
    },
    {
      method: 'POST',
      path: /^\/cases\/(\d{1,12})\/decisions$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'review');
        const caseId = Number(input.params[0]);
        const decision = readDecision(form);
        // A refused edit keeps the text that was typed, in the edit box, so nothing is lost.
        const fields = decision.action === 'edit' && decision.text !== undefined ? { text: decision.text } : undefined;
        // The form's own step (添加为依据 is an edit of the sources) names the notice; an added passage returns to
        // the search it came from, so the reviewer can add another.
        const step = form.get('action') ?? decision.action;
        const search = step === 'add-source' ? searchQueryString(form) : '';
        await refusalsShown(
          input,
          caseId,
          async () => {
            const outcome = await decideCase(context, { caseId, actor: session.account, decision });
            if (decision.action === 'approve') void dependencies.worker.kick('deliver');
            await backToCase(
              input,
              caseId,
              {
                notice: NOTICES[step],
                error: outcome.warnings.length > 0 ? `请注意：${outcome.warnings.join('；')}` : undefined,
              },
              search,
            );
          },
          { fields, search },
        );
      },
    },
    {
      method: 'POST',
      path: /^\/cases\/(\d{1,12})\/original$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'approve');
        const caseId = Number(input.params[0]);
        await refusalsShown(input, caseId, async () => {
          const text = await revealOriginalText(context, {
            caseId,
            actor: session.account,
            reason: form.get('reason') ?? '',
          });
          // Shown once: reading it again is another reading, with its own reason on record.
          await backToCase(input, caseId, { original: { caseId, text } });
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
          await backToCase(input, caseId, { notice: NOTICES.retry });
        });
      },
    },
  ];
}
