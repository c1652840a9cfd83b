import type { App, types } from '@slack/bolt';
import type { Decision } from '../../review/decision.ts';
import type { ChatListenerOptions } from '../chat-listener-options.ts';
import { DECISION_FORMS } from '../decide-from-chat.ts';
import { decideInSlack } from './slack-decision.ts';
import type { ButtonValue } from './slack-messages.ts';

const DECISION_VIEW = 'huiying_decision';

/** What the modal carries from the button to its submission: the case, version and hash, and where to answer. */
type ModalMetadata = ButtonValue & { action: 'edit' | 'reject' | 'escalate'; channel?: string; messageTs?: string };

/** The modal a button opens: one input, the draft's text to edit or the reason to reject or escalate. */
export function decisionModal(options: ModalMetadata & { initial?: string }): types.ModalView {
  const { initial, ...metadata } = options;
  const field = DECISION_FORMS[metadata.action];
  return {
    type: 'modal',
    callback_id: DECISION_VIEW,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: field.title },
    submit: { type: 'plain_text', text: '提交' },
    blocks: [
      {
        type: 'input',
        block_id: 'input',
        label: { type: 'plain_text', text: field.label },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: field.long,
          ...(initial && { initial_value: initial }),
        },
      },
    ],
  };
}

/** A submitted modal becomes the decision; the outcome is said in the review message's thread. */
export function listenForDecisionModal(options: ChatListenerOptions & { app: App }): void {
  options.app.view(DECISION_VIEW, async ({ ack, body, view, client }) => {
    await ack();
    const meta = JSON.parse(view.private_metadata) as ModalMetadata;
    const input = view.state.values.input?.value?.value ?? '';
    const decision: Decision =
      meta.action === 'edit'
        ? { action: 'edit', basedOnVersion: meta.version, text: input }
        : meta.action === 'reject'
          ? { action: 'reject', reason: input }
          : { action: 'escalate', reason: input };
    const outcome = await decideInSlack(options, { externalId: body.user.id, caseId: meta.caseId, decision });
    if (meta.channel)
      await client.chat.postMessage({ channel: meta.channel, thread_ts: meta.messageTs, text: outcome });
  });
}
