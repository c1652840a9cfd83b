import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { findVersion } from '../../review/read-cases.ts';
import type { ChatListenerOptions } from '../chat-listener-options.ts';
import { decisionModal } from './discord-decision-modal.ts';
import { decideInDiscord } from './discord-decision.ts';
import { DISCORD_INPUT_LIMIT, parseCustomId } from './discord-messages.ts';

/**
 * A press on a draft's button in the review channel: 批准发布 approves the exact version and text hash its custom id
 * carries; 修改, 退回 and 上报 open a modal for the text or the reason. A button it does not know is answered too.
 */
export async function handleReviewButton(options: ChatListenerOptions, interaction: ButtonInteraction): Promise<void> {
  const value = parseCustomId(interaction.customId);
  if (!value) {
    await interaction.reply({
      content: '这个按钮已失效，请在审核频道的最新消息或网页控制台中操作。',
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  if (value.action === 'approve') {
    const { caseId, version, textHash } = value;
    const decision = { action: 'approve', version, textHash } as const;
    await interaction.reply({
      content: await decideInDiscord(options, { externalId: interaction.user.id, caseId, decision }),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  const initial =
    value.action === 'edit'
      ? (await findVersion(options.context.database, value.caseId, value.version))?.text
      : undefined;
  if (initial && initial.length > DISCORD_INPUT_LIMIT) {
    // Discord's input box holds 4,000 characters: a longer text would be cut, and the cut text saved as an edit.
    await interaction.reply({
      content: `案件 #${value.caseId} 的答复超过 ${DISCORD_INPUT_LIMIT} 字，Discord 无法完整编辑，请在控制台修改。`,
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await interaction.showModal(decisionModal({ ...value, action: value.action, initial }));
}
