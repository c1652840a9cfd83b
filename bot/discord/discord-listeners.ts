import { randomUUID } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  Events,
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type ModalSubmitInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { findAccountByIdentity } from '../../review/accounts/accounts.ts';
import { answerStaffQuestion } from '../../review/answer-staff-question.ts';
import type { Decision } from '../../review/decision.ts';
import { findVersion } from '../../review/read-cases.ts';
import { renderPublicAnswer } from '../../review/render-public-answer.ts';
import type { ReviewContext } from '../../review/review-context.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { decideFromChat, DECISION_FORMS } from '../decide-from-chat.ts';
import { DESCRIPTION_LIMIT, DISCORD_INPUT_LIMIT, MESSAGE_EMBED_LIMIT, parseCustomId } from './discord-messages.ts';
import { splitText } from '../split-text.ts';

/** `/ask` for the public, `/huiying` for staff. */
export const SLASH_COMMANDS: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  {
    name: 'ask',
    description: '向本机关咨询政策（答复经审核后回复）',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: '您的问题',
        required: true,
        max_length: 2000,
      },
    ],
  },
  {
    name: 'huiying',
    description: '政策问答（内部参考，仅自己可见）',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: '政策问题',
        required: true,
        max_length: 2000,
      },
    ],
  },
];

/** Wires Discord's slash commands, review buttons and modals to the review core. */
export function registerDiscordListeners(options: {
  client: Client;
  context: ReviewContext;
  kick: (job: 'draft' | 'deliver') => void;
  log: (line: string) => void;
}): void {
  const { client, context } = options;
  client.on(Events.InteractionCreate, (interaction) => {
    const work = interaction.isChatInputCommand()
      ? command(interaction)
      : interaction.isButton()
        ? button(interaction)
        : interaction.isModalSubmit()
          ? modal(interaction)
          : Promise.resolve();
    // One error handler: log with an event id, and tell the person politely instead of leaving the interaction hanging.
    work.catch(async (error: Error) => {
      const eventId = randomUUID().slice(0, 8);
      options.log(`[discord] event ${eventId}: interaction ${interaction.id} failed: ${error.message}`);
      if (!interaction.isRepliable()) return;
      const content = `系统出现错误（事件编号 ${eventId}），您的请求未丢失记录。请稍后重试，或联系管理员。`;
      await (
        interaction.deferred || interaction.replied
          ? interaction.editReply({ content })
          : interaction.reply({ content, flags: MessageFlags.Ephemeral })
      ).catch(() => undefined);
    });
  });

  async function command(interaction: ChatInputCommandInteraction): Promise<void> {
    const question = interaction.options.getString('question', true).trim();
    if (interaction.commandName === 'ask') {
      // The receipt (fixed words and the reference, never an answer) is the message the approved answer will reply to.
      await interaction.deferReply();
      const receipt = await interaction.fetchReply();
      const received = await submitInquiry(context, {
        kind: 'citizen-question',
        text: question,
        surface: 'discord',
        replyTarget: { channelId: interaction.channelId, receiptMessageId: receipt.id },
        authorId: interaction.user.id,
        receivedBy: 'surface:discord',
        sourceKey: `discord:${interaction.id}`,
      });
      if (!received.duplicate) options.kick('draft');
      await interaction.editReply({
        content: `已收到您的问题（查询码 ${received.publicReference}）。答复经工作人员审核后将回复本消息。`,
        allowedMentions: { parse: [] },
      });
      return;
    }
    if (interaction.commandName !== 'huiying') return;
    const asker = await findAccountByIdentity(context.database, {
      surface: 'discord',
      externalId: interaction.user.id,
    });
    if (!asker) {
      await interaction.reply({
        content: `您的 Discord 账号未关联 huiying 账号，请管理员运行 huiying user link <用户名> discord ${interaction.user.id}`,
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const { caseId, answer } = await answerStaffQuestion(context, {
      question,
      asker,
      surface: 'discord',
      replyTarget: { channelId: interaction.channelId },
    });
    // The answer goes in embeds (up to 6,000 characters, against 2,000 of plain content); beyond that, it says it is cut.
    const text = renderPublicAnswer(answer);
    const shown = MESSAGE_EMBED_LIMIT - 10;
    await interaction.editReply({
      content: `【内部参考 · 未经审核 · 不得对外】（内部咨询 #${caseId}）${text.length > shown ? `全文 ${text.length} 字，以下为前 ${shown} 字，全文见控制台` : ''}`,
      embeds: splitText(text.slice(0, shown), DESCRIPTION_LIMIT).map((part) => ({ description: part })),
    });
  }

  async function button(interaction: ButtonInteraction): Promise<void> {
    const value = parseCustomId(interaction.customId);
    if (!value) {
      await interaction.reply({
        content: '这个按钮已失效，请在审核频道的最新消息或网页控制台中操作。',
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    if (value.action === 'approve') {
      await interaction.reply({
        content: await decide(interaction.user.id, value.caseId, {
          action: 'approve',
          version: value.version,
          textHash: value.textHash,
        }),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    const spec = DECISION_FORMS[value.action];
    const initial =
      value.action === 'edit' ? (await findVersion(context.database, value.caseId, value.version))?.text : undefined;
    if (initial && initial.length > DISCORD_INPUT_LIMIT) {
      // Discord's input box holds 4,000 characters: a longer text would be cut, and the cut text saved as an edit.
      await interaction.reply({
        content: `案件 #${value.caseId} 的答复超过 ${DISCORD_INPUT_LIMIT} 字，Discord 无法完整编辑，请在控制台修改。`,
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    await interaction.showModal({
      custom_id: `huiying-modal:${value.action}:${value.caseId}:${value.version}:${value.textHash}`,
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
              ...(initial && { value: initial }),
            },
          ],
        },
      ],
    });
  }

  async function modal(interaction: ModalSubmitInteraction): Promise<void> {
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
      content: await decide(interaction.user.id, value.caseId, decision),
      flags: MessageFlags.Ephemeral,
    });
  }

  // A refusal is explained to the person privately, not thrown.
  async function decide(externalId: string, caseId: number, decision: Decision): Promise<string> {
    const said = await decideFromChat({
      context,
      surface: 'discord',
      externalId,
      caseId,
      decision,
      approvedText: '已批准，答复将回复来件',
      kick: options.kick,
      log: options.log,
    });
    return said.text.slice(0, 2_000);
  }
}
