import { Client, Events, GatewayIntentBits, Routes } from 'discord.js';
import type { DiscordConfig } from '../../config/load-config.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import { HuiyingError } from '../../config/huiying-error.ts';
import type { ReviewContext } from '../../review/review-context.ts';
import type { Delivery, ReviewNotice, Surface, SurfaceStarted, TalkingPointNotice } from '../../review/surface.ts';
import { SLASH_COMMANDS } from './discord-commands.ts';
import { registerDiscordListeners } from './discord-listeners.ts';
import { DESCRIPTION_LIMIT, MESSAGE_EMBED_LIMIT, reviewMessage, talkingPointMessage } from './discord-messages.ts';
import { literalParts } from './discord-literal.ts';

// Looking for an answer already posted: Discord returns at most 100 messages a request.
const PAGE_SIZE = 100;
const MAX_PAGES = 20;

/**
 * Discord as a surface (discord.js over the gateway): citizens ask with `/ask` in a public channel and get the
 * approved answer as a reply to their receipt; staff ask with `/huiying`; reviewers get each draft in the review
 * channel with buttons, and edit, reject or escalate through modals. Decisions carry the role of the account the
 * Discord user is linked to (`huiying user link <username> discord <user id>`).
 */
export class DiscordSurface implements Surface {
  readonly name = 'discord';
  readonly client: Client;
  private readonly settings: DiscordConfig;
  private readonly consoleUrl?: string;

  constructor(options: {
    settings: DiscordConfig;
    context: ReviewContext;
    consoleUrl?: string;
    kick: (job: 'draft' | 'deliver') => void;
    log: (line: string) => void;
  }) {
    this.settings = options.settings;
    this.consoleUrl = options.consoleUrl;
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { ...(options.settings.apiUrl && { api: options.settings.apiUrl }), retries: DEFAULTS.chatClients.retries },
    });
    registerDiscordListeners({ client: this.client, context: options.context, kick: options.kick, log: options.log });
    this.client.on(Events.Error, (error) => options.log(`[discord] ${error.message}`));
  }

  /** Connects to the gateway and registers the slash commands; Discord needs no address of ours. */
  async start(): Promise<SurfaceStarted> {
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new HuiyingError({
              code: 'delivery-failed',
              message: `Discord did not answer within ${DEFAULTS.chatClients.discordReadyTimeoutMs / 1000} s. Check DISCORD_BOT_TOKEN and the network.`,
            }),
          ),
        DEFAULTS.chatClients.discordReadyTimeoutMs,
      );
      this.client.once(Events.ClientReady, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await this.client.login(this.settings.botToken);
    await ready;
    await this.client.application!.commands.set(SLASH_COMMANDS);
    return {};
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  async notifyReviewers(notice: ReviewNotice): Promise<void> {
    await this.client.rest.post(Routes.channelMessages(this.settings.reviewChannel), {
      body: reviewMessage(notice, { consoleUrl: this.consoleUrl }),
    });
  }

  async notifyTalkingPoint(notice: TalkingPointNotice): Promise<void> {
    await this.client.rest.post(Routes.channelMessages(this.settings.reviewChannel), {
      body: talkingPointMessage(notice, { consoleUrl: this.consoleUrl }),
    });
  }

  async deliver(delivery: Delivery): Promise<{ receipt: string }> {
    const { channelId, receiptMessageId } = delivery.target;
    if (typeof channelId !== 'string' || typeof receiptMessageId !== 'string') {
      throw new HuiyingError({
        code: 'delivery-failed',
        message: `Case ${delivery.caseId} has no Discord message to answer (reply target ${JSON.stringify(delivery.target)}).`,
      });
    }
    // Each case has one receipt and at most one answer replying to it: an earlier reply of ours is the answer already
    // delivered (before a crash), so it is not posted again.
    const earlier = await this.findOwnReply(delivery.caseId, channelId, receiptMessageId);
    if (earlier) return { receipt: `discord:${channelId}:${earlier}` };
    // Shown as approved, character for character: no markdown, masked links or mentions (see discordLiteral).
    const parts = literalParts(delivery.text, DESCRIPTION_LIMIT);
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    // The approved text is posted whole or not at all: a message holds at most 6,000 characters of embeds.
    if (length > MESSAGE_EMBED_LIMIT) {
      throw new HuiyingError({
        code: 'delivery-failed',
        message: `Case ${delivery.caseId}'s answer has ${length} characters as Discord shows it; a Discord message holds ${MESSAGE_EMBED_LIMIT}. Shorten it in the console and approve again.`,
      });
    }
    const posted = (await this.client.rest.post(Routes.channelMessages(channelId), {
      body: {
        embeds: parts.map((part, index) =>
          index === 0 ? { title: '答复', description: part } : { description: part },
        ),
        message_reference: { message_id: receiptMessageId, fail_if_not_exists: false },
        allowed_mentions: { parse: [] },
      },
    })) as { id: string };
    return { receipt: `discord:${channelId}:${posted.id}` };
  }

  /**
   * Our earlier reply to a receipt, looked for page by page (100 messages each) among the messages after it. When
   * the channel has more than MAX_PAGES pages since the receipt, the search cannot be sure, so the delivery fails
   * (and is retried, then shown to approvers) rather than risk a second answer.
   */
  private async findOwnReply(caseId: number, channelId: string, receiptMessageId: string): Promise<string | undefined> {
    let after = receiptMessageId;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const messages = (await this.client.rest.get(Routes.channelMessages(channelId), {
        query: new URLSearchParams({ after, limit: String(PAGE_SIZE) }),
      })) as Array<{
        id: string;
        author?: { id: string };
        message_reference?: { message_id?: string };
      }>;
      const earlier = messages.find(
        (message) =>
          message.author?.id === this.client.user?.id && message.message_reference?.message_id === receiptMessageId,
      );
      if (earlier) return earlier.id;
      if (messages.length < PAGE_SIZE) return undefined;
      // Snowflakes grow with time: the next page starts after the newest message of this one, whatever the order.
      after = messages.reduce((newest, message) => (BigInt(message.id) > BigInt(newest) ? message.id : newest), after);
    }
    throw new HuiyingError({
      code: 'delivery-failed',
      message: `Case ${caseId}: more than ${MAX_PAGES * PAGE_SIZE} messages follow the receipt in Discord channel ${channelId}, so huiying cannot check that the answer was not posted already. Post it by hand, or retry when the channel is quieter.`,
    });
  }
}
