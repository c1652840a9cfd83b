import { listTalkingPoints } from '../../drafting/talking-point-queries.ts';
import {
  decideTalkingPoint,
  findProposal,
  listTalkingPointProposals,
  proposeTalkingPoint,
  withdrawTalkingPoint,
} from '../../review/talking-point-proposals.ts';
import { chinaDate } from '../../review/working-day-calendar.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { HttpError, redirect, sendHtml } from '../http-io.ts';
import { layout } from '../layout.ts';
import { talkingPointsPage } from '../pages/talking-points-page.ts';
import type { Route, RouteRequest } from '../router.ts';
import { showingRefusal } from './refused-step.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';

const NOTICES: Record<string, string> = {
  proposed: '已提交，等待审核人批准发布。',
  publish: '已发布，即日起用于答复。',
  reject: '已退回。',
  withdraw: '已撤回，不再用于答复。',
};

/** 口径库: staff read the talking points in force; drafters propose; approvers publish, reject and withdraw. */
export function talkingPointRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  const show = async (input: RouteRequest, messages: { notice?: string; error?: string; status?: number } = {}) => {
    const session = requireAccount(input, 'ask');
    const [inForce, proposals] = await Promise.all([
      listTalkingPoints(context.database, { asOf: chinaDate(context.clock.now()) }),
      listTalkingPointProposals(context.database),
    ]);
    const body = talkingPointsPage({ inForce, proposals, account: session.account, csrfToken: session.csrfToken });
    sendHtml(
      input.response,
      layout({
        title: '口径库',
        account: session.account,
        csrfToken: session.csrfToken,
        notice: messages.notice,
        error: messages.error,
        body,
      }),
      { status: messages.status },
    );
  };
  // A step the workflow refuses shows the page again with the reason (409), not an error page.
  const refusalsShown = (input: RouteRequest, step: () => Promise<string>) =>
    showingRefusal(
      async () => redirect(input.response, `/talking-points?done=${await step()}`),
      (error) => show(input, { error, status: 409 }),
    );
  return [
    {
      method: 'GET',
      path: /^\/talking-points$/,
      handle: (input) => show(input, { notice: NOTICES[input.url.searchParams.get('done') ?? ''] }),
    },
    {
      method: 'POST',
      path: /^\/talking-points$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'ask');
        await refusalsShown(input, async () => {
          const id = await proposeTalkingPoint(context, {
            actor: session.account,
            title: form.get('title') ?? '',
            text: form.get('text') ?? '',
            expiresOn: form.get('expires_on') ?? '',
          });
          // Approvers in Slack or Discord hear of it there; they publish in the console.
          const proposal = await findProposal(context.database, id);
          if (proposal)
            void dependencies.worker.announceTalkingPoint({
              proposalId: id,
              title: proposal.title,
              text: proposal.body,
              expiresOn: proposal.expiresOn,
              proposedBy: proposal.proposedBy,
            });
          return 'proposed';
        });
      },
    },
    {
      method: 'POST',
      path: /^\/talking-points\/(\d{1,12})\/decisions$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'ask');
        const proposalId = Number(input.params[0]);
        const action = form.get('action');
        const reason = form.get('reason') ?? '';
        if (action !== 'publish' && action !== 'reject' && action !== 'withdraw')
          throw new HttpError(400, '未知的操作。');
        await refusalsShown(input, async () => {
          if (action === 'withdraw')
            await withdrawTalkingPoint(context, { actor: session.account, proposalId, reason });
          else
            await decideTalkingPoint(context, {
              actor: session.account,
              proposalId,
              decision: action === 'publish' ? { action } : { action, reason },
            });
          return action;
        });
      },
    },
  ];
}
