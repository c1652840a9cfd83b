import { MessageFlags, type ModalSubmitInteraction } from 'discord.js';
import type { Decision } from '../../review/decision.ts';
import type { ChatListenerOptions } from '../chat-listener-options.ts';
import { DECISION_FORMS } from '../decide-from-chat.ts';
import { decideInDiscord } from './discord-decision.ts';
import { DISCORD_INPUT_LIMIT, parseCustomId } from './discord-messages.ts';

/** The modal a button opens: its custom id carries the decision, case, version and hash; one input for the words. */
export function decisionModal(options: {
  action: 'edit' | 'reject' | 'escalate';
  caseId: number;
  version: number;
  textHash: string;
  initial?: string;
}) {
  const spec = DECISION_FORMS[options.action];
  return {
    custom_id: `huiying-modal:${options.action}:${options.caseId}:${options.version}:${options.textHash}`,
    title: spec.title,
    components: [
      {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: 'value',
            label: spec.label,
            style: spec.long ? 2 : 1,
            required: true,
            max_length: DISCORD_INPUT_LIMIT,
            ...(options.initial && { value: options.initial }),
          },
        ],
      },
    ],
  };
}

/** A submitted modal becomes the decision; the outcome is told to the reviewer privately. */
export async function handleDecisionModal(
  options: ChatListenerOptions,
  interaction: ModalSubmitInteraction,
): Promise<void> {
  const value = parseCustomId(interaction.customId);
  if (!value || value.action === 'approve') {
    await interaction.reply({ content: '这个表单已失效，请重新操作。', flags: MessageFlags.Ephemeral });
    return;
  }
  const input = interaction.fields.getTextInputValue('value');
  const decision: Decision =
    value.action === 'edit'
      ? { action: 'edit', basedOnVersion: value.version, text: input }
      : value.action === 'reject'
        ? { action: 'reject', reason: input }
        : { action: 'escalate', reason: input };
  await interaction.reply({
    content: await decideInDiscord(options, { externalId: interaction.user.id, caseId: value.caseId, decision }),
    flags: MessageFlags.Ephemeral,
  });
}
