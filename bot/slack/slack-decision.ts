import type { Decision } from '../../review/decision.ts';
import type { ChatListenerOptions } from '../chat-listener-options.ts';
import { decideFromChat } from '../decide-from-chat.ts';

/**
 * Runs a decision taken in Slack and says what happened, for the review channel. A refusal is explained there, not
 * thrown; a decision taken names who took it (the channel is shared).
 */
export async function decideInSlack(
  options: ChatListenerOptions,
  request: { externalId: string; caseId: number; decision: Decision },
): Promise<string> {
  const said = await decideFromChat({
    context: options.context,
    surface: 'slack',
    ...request,
    approvedText: '已批准，答复将在来件话题中发布',
    kick: options.kick,
    log: options.log,
  });
  return said.done ? `<@${request.externalId}> ${said.text}` : said.text;
}
