import { randomUUID } from 'node:crypto';
import { Events, MessageFlags, type Client, type Interaction } from 'discord.js';
import type { ChatListenerOptions } from '../chat-listener-options.ts';
import { handleCommand } from './discord-commands.ts';
import { handleDecisionModal } from './discord-decision-modal.ts';
import { handleReviewButton } from './discord-review-buttons.ts';

/** Wires Discord's slash commands, review buttons and modals to the review core. */
export function registerDiscordListeners(options: ChatListenerOptions & { client: Client }): void {
  options.client.on(Events.InteractionCreate, (interaction) => {
    const work = interaction.isChatInputCommand()
      ? handleCommand(options, interaction)
      : interaction.isButton()
        ? handleReviewButton(options, interaction)
        : interaction.isModalSubmit()
          ? handleDecisionModal(options, interaction)
          : Promise.resolve();
    work.catch((error: Error) => answerFailure(options, interaction, error));
  });
}

// One error handler: log with an event id, and tell the person politely instead of leaving the interaction hanging.
async function answerFailure(options: ChatListenerOptions, interaction: Interaction, error: Error): Promise<void> {
  const eventId = randomUUID().slice(0, 8);
  options.log(`[discord] event ${eventId}: interaction ${interaction.id} failed: ${error.message}`);
  if (!interaction.isRepliable()) return;
  const content = `系统出现错误（事件编号 ${eventId}），您的请求未丢失记录。请稍后重试，或联系管理员。`;
  await (
    interaction.deferred || interaction.replied
      ? interaction.editReply({ content })
      : interaction.reply({ content, flags: MessageFlags.Ephemeral })
  ).catch(() => undefined);
}
