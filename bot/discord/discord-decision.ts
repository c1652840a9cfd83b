import type { Decision } from '../../review/decision.ts';
import type { ChatListenerOptions } from '../chat-listener-options.ts';
import { decideFromChat } from '../decide-from-chat.ts';

/** Runs a decision taken in Discord and says what happened, for a private reply; a refusal is explained, not thrown. */
export async function decideInDiscord(
  options: ChatListenerOptions,
  request: { externalId: string; caseId: number; decision: Decision },
): Promise<string> {
  const said = await decideFromChat({
    context: options.context,
    surface: 'discord',
    ...request,
    approvedText: '已批准，答复将回复来件',
    kick: options.kick,
    log: options.log,
  });
  // A reply holds at most 2,000 characters.
  return said.text.slice(0, 2_000);
}
