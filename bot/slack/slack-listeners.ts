import type { App } from '@slack/bolt';
import type { ChatListenerOptions } from '../chat-listener-options.ts';
import { listenForDecisionModal } from './slack-decision-modal.ts';
import { listenForMentions } from './slack-mentions.ts';
import { listenForReviewButtons } from './slack-review-buttons.ts';
import { listenForStaffCommand } from './slack-staff-command.ts';

/** Wires Slack's events, the `/huiying` command, the review buttons and the decision modals to the review core. */
export function registerSlackListeners(options: ChatListenerOptions & { app: App }): void {
  listenForMentions(options);
  listenForStaffCommand(options);
  listenForReviewButtons(options);
  listenForDecisionModal(options);
}
