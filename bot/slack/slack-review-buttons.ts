import type { App } from '@slack/bolt';
import { findVersion } from '../../review/read-cases.ts';
import type { ChatListenerOptions } from '../chat-listener-options.ts';
import { decisionModal } from './slack-decision-modal.ts';
import { decideInSlack } from './slack-decision.ts';
import { SLACK_INPUT_LIMIT, type ButtonValue } from './slack-messages.ts';

/**
 * The buttons on a draft in the review channel: 批准发布 approves the exact version and text hash it carries; 修改,
 * 退回 and 上报 open a modal for the text or the reason.
 */
export function listenForReviewButtons(options: ChatListenerOptions & { app: App }): void {
  const { app, context } = options;
  app.action('huiying_approve', async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const value = JSON.parse(action.value ?? '{}') as ButtonValue;
    const outcome = await decideInSlack(options, {
      externalId: body.user.id,
      caseId: value.caseId,
      decision: { action: 'approve', version: value.version, textHash: value.textHash },
    });
    await client.chat.postMessage({ channel: body.channel?.id ?? '', thread_ts: body.message?.ts, text: outcome });
  });

  for (const action of ['edit', 'reject', 'escalate'] as const) {
    app.action(`huiying_${action}`, async ({ ack, body, action: pressed, client }) => {
      await ack();
      if (body.type !== 'block_actions' || pressed.type !== 'button') return;
      const value = JSON.parse(pressed.value ?? '{}') as ButtonValue;
      const initial =
        action === 'edit' ? (await findVersion(context.database, value.caseId, value.version))?.text : undefined;
      if (initial && initial.length > SLACK_INPUT_LIMIT) {
        // Slack's input box holds 3,000 characters: a longer text would be cut, and the cut text saved as an edit.
        await client.chat.postMessage({
          channel: body.channel?.id ?? '',
          thread_ts: body.message?.ts,
          text: `案件 #${value.caseId} 的答复超过 ${SLACK_INPUT_LIMIT} 字，Slack 无法完整编辑，请在控制台修改。`,
        });
        return;
      }
      await client.views.open({
        trigger_id: body.trigger_id,
        view: decisionModal({ ...value, action, channel: body.channel?.id, messageTs: body.message?.ts, initial }),
      });
    });
  }
}
