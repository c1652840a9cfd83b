import { listTalkingPoints } from '../../drafting/talking-point-queries.ts';
import { findIngestedFolder } from '../../ingest/ingested-folder.ts';
import {
  decideTalkingPoint,
  findProposal,
  listTalkingPointProposals,
  proposeTalkingPoint,
  withdrawTalkingPoint,
} from '../../review/talking-point-proposals.ts';
import { chinaDate } from '../../review/working-day-calendar.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import type { Flash } from '../../review/accounts/session-flash.ts';
import { redirectWithFlash, takePageFlash } from '../flash.ts';
import { HttpError } from '../http-io.ts';
import { talkingPointsPage } from '../pages/talking-points-page.ts';
import type { Route, RouteRequest } from '../router.ts';
import { showingRefusal } from './refused-step.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';
import { sendPage } from './send-page.ts';

const NOTICES: Record<string, string> = {
  proposed: '已提交，等待审核人批准发布。',
  publish: '已发布，即日起用于答复。',
  reject: '已退回。',
  withdraw: '已撤回，不再用于答复。',
};

/**
 * 口径库: staff read the talking points in force; drafters propose; approvers publish, reject and withdraw. Every post
 * is answered with a redirect back to 口径库 (POST/redirect/GET), its outcome shown there once.
 */
export function talkingPointRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  // A step the workflow refuses goes back to 口径库 with the reason, and a refused proposal with what was typed.
  const refusalsShown = (input: RouteRequest, step: () => Promise<string>, fields?: Flash['fields']) =>
    showingRefusal(
      async () =>
        redirectWithFlash(input, context.database, {
          location: '/talking-points',
          flash: { notice: NOTICES[await step()] },
        }),
      (error) => redirectWithFlash(input, context.database, { location: '/talking-points', flash: { error, fields } }),
    );
  return [
    {
      method: 'GET',
      path: /^\/talking-points$/,
      async handle(input) {
        const session = requireAccount(input, 'ask');
        const flash = await takePageFlash(input, context.database);
        const [inForce, proposals, ingestedFolder] = await Promise.all([
          listTalkingPoints(context.database, { asOf: chinaDate(context.clock.now()) }),
          listTalkingPointProposals(context.database),
          findIngestedFolder(context.database),
        ]);
        const body = talkingPointsPage({
          inForce,
          proposals,
          account: session.account,
          csrfToken: session.csrfToken,
          fields: flash.fields,
          ingestedFolder,
        });
        sendPage(input, session, { title: '口径库', body, notice: flash.notice, error: flash.error });
      },
    },
    {
      method: 'POST',
      path: /^\/talking-points$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'ask');
        const fields = {
          title: form.get('title') ?? '',
          text: form.get('text') ?? '',
          expires_on: form.get('expires_on') ?? '',
        };
        await refusalsShown(
          input,
          async () => {
            const id = await proposeTalkingPoint(context, {
              actor: session.account,
              title: fields.title,
              text: fields.text,
              expiresOn: fields.expires_on,
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
          },
          fields,
        );
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
