import {
  ApplicationCommandOptionType,
  MessageFlags,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { findAccountByIdentity } from '../../review/accounts/accounts.ts';
import { answerStaffQuestion } from '../../review/answer-staff-question.ts';
import { renderPublicAnswer } from '../../review/render-public-answer.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import type { ChatListenerOptions } from '../chat-listener-options.ts';
import { literalParts } from './discord-literal.ts';
import { DESCRIPTION_LIMIT, MESSAGE_EMBED_LIMIT } from './discord-messages.ts';

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

/** Runs a slash command: `/ask` takes a citizen's question, `/huiying` answers staff. */
export async function handleCommand(
  options: ChatListenerOptions,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  const question = interaction.options.getString('question', true).trim();
  if (interaction.commandName === 'ask') await receiveQuestion(options, interaction, question);
  else if (interaction.commandName === 'huiying') await answerStaff(options, interaction, question);
}

// The receipt (fixed words and the reference, never an answer) is the message the approved answer will reply to.
async function receiveQuestion(
  options: ChatListenerOptions,
  interaction: ChatInputCommandInteraction,
  question: string,
): Promise<void> {
  await interaction.deferReply();
  const receipt = await interaction.fetchReply();
  const received = await submitInquiry(options.context, {
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
}

// Staff get an internal, cited answer at once, visible only to them.
async function answerStaff(
  options: ChatListenerOptions,
  interaction: ChatInputCommandInteraction,
  question: string,
): Promise<void> {
  const asker = await findAccountByIdentity(options.context.database, {
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
  const { caseId, answer } = await answerStaffQuestion(options.context, {
    question,
    asker,
    surface: 'discord',
    replyTarget: { channelId: interaction.channelId },
  });
  // The answer goes in embeds (up to 6,000 characters, against 2,000 of plain content), escaped so it shows as
  // written (discordLiteral); beyond that, it says it is cut.
  const text = renderPublicAnswer(answer);
  const room = MESSAGE_EMBED_LIMIT - 10;
  const whole = literalParts(text, DESCRIPTION_LIMIT);
  const fits = whole.reduce((sum, part) => sum + part.length, 0) <= room;
  // Escaping at most doubles a text: half the room always fits.
  const shown = fits ? text.length : Math.floor(room / 2);
  await interaction.editReply({
    content: `【内部参考 · 未经审核 · 不得对外】（内部咨询 #${caseId}）${fits ? '' : `全文 ${text.length} 字，以下为前 ${shown} 字，全文见控制台`}`,
    embeds: (fits ? whole : literalParts(text.slice(0, shown), DESCRIPTION_LIMIT)).map((part) => ({
      description: part,
    })),
    allowedMentions: { parse: [] },
  });
}
