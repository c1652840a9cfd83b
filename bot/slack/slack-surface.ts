import { randomUUID } from 'node:crypto';
import { App, LogLevel } from '@slack/bolt';
import type { SlackConfig } from '../../config/load-config.ts';
import { HuiyingError } from '../../config/huiying-error.ts';
import type { ReviewContext } from '../../review/review-context.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import type { Delivery, ReviewNotice, Surface, SurfaceStarted, TalkingPointNotice } from '../../review/surface.ts';
import { registerSlackListeners } from './slack-listeners.ts';
import {
  escape,
  reviewMessage,
  SLACK_MESSAGE_LIMIT as MESSAGE_TEXT_LIMIT,
  talkingPointMessage,
} from './slack-messages.ts';

/** The metadata event type that marks huiying's answers in a thread, so a repeated delivery finds the first post. */
const ANSWER_EVENT = 'huiying_answer';
// Looking for an answer already posted: up to 10 pages of 200 replies.
const PAGE_SIZE = 200;
const MAX_PAGES = 10;

/**
 * Slack as a surface (@slack/bolt over HTTP): citizens mention the app in a public channel and get the approved
 * answer in their thread; staff ask with `/huiying`; reviewers get each draft in the review channel with buttons,
 * and edit, reject or escalate through modals. Every decision goes through `decideAsIdentity`, so it carries the role
 * of the account the Slack user is linked to.
 */
export class SlackSurface implements Surface {
  readonly name = 'slack';
  readonly app: App;
  private readonly settings: SlackConfig;
  private readonly host: string;
  private readonly consoleUrl?: string;

  constructor(options: {
    settings: SlackConfig;
    /** Where Slack's requests are received, on the configured port: the console's host. @default DEFAULTS.host */
    host?: string;
    context: ReviewContext;
    consoleUrl?: string;
    kick: (job: 'draft' | 'deliver') => void;
    log: (line: string) => void;
  }) {
    this.settings = options.settings;
    this.host = options.host ?? DEFAULTS.host;
    this.consoleUrl = options.consoleUrl;
    this.app = new App({
      token: options.settings.botToken,
      signingSecret: options.settings.signingSecret,
      port: options.settings.port,
      // No round trip to Slack at construction; a wrong token shows up on the first call, in the log.
      tokenVerificationEnabled: false,
      // A Slack that hangs must not hold up the worker: calls give up after 15 s and the outbox retries later.
      clientOptions: {
        ...(options.settings.apiUrl && { slackApiUrl: options.settings.apiUrl }),
        retryConfig: { retries: DEFAULTS.chatClients.retries },
        timeout: DEFAULTS.chatClients.slackRequestTimeoutMs,
      },
      logLevel: LogLevel.WARN,
    });
    registerSlackListeners({ app: this.app, context: options.context, kick: options.kick, log: options.log });
    // One error handler: every listener's failure is logged with an event id (the listeners answer people themselves).
    this.app.error(async (error) => options.log(`[slack] event ${randomUUID().slice(0, 8)}: ${error.message}`));
  }

  /** Starts receiving Slack's requests on the configured port (0 picks a free one) and says where they go. */
  async start(): Promise<SurfaceStarted> {
    const server = await this.app.start({ port: this.settings.port, host: this.host });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : this.settings.port;
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return {
      endpoint: {
        label: 'Slack',
        url: `http://${host}:${port}/slack/events`,
        purpose: 'Request URL for events, commands and interactivity',
      },
    };
  }

  async stop(): Promise<void> {
    await this.app.stop();
  }

  async notifyReviewers(notice: ReviewNotice): Promise<void> {
    await this.app.client.chat.postMessage({
      channel: this.settings.reviewChannel,
      ...reviewMessage(notice, { consoleUrl: this.consoleUrl }),
    });
  }

  async notifyTalkingPoint(notice: TalkingPointNotice): Promise<void> {
    await this.app.client.chat.postMessage({
      channel: this.settings.reviewChannel,
      ...talkingPointMessage(notice, { consoleUrl: this.consoleUrl }),
    });
  }

  async deliver(delivery: Delivery): Promise<{ receipt: string }> {
    const channel = delivery.target.channel;
    const threadTs = delivery.target.threadTs;
    if (typeof channel !== 'string' || typeof threadTs !== 'string') {
      throw new HuiyingError({
        code: 'delivery-failed',
        message: `Case ${delivery.caseId} has no Slack thread to answer in (reply target ${JSON.stringify(delivery.target)}).`,
      });
    }
    // Posted as approved, character for character: escaped as the reviewers' copy was, so <!channel> pings nobody and
    // <https://evil.example|官网> shows as typed instead of as a link with a fake label.
    const text = escape(delivery.text);
    // The approved text is posted whole or not at all: Slack cuts a message's text beyond 40,000 characters.
    if (text.length > MESSAGE_TEXT_LIMIT) {
      throw new HuiyingError({
        code: 'delivery-failed',
        message: `Case ${delivery.caseId}'s answer has ${text.length} characters as Slack receives it; Slack shows at most ${MESSAGE_TEXT_LIMIT} of a message. Shorten it in the console and approve again.`,
      });
    }
    // Slack has no idempotency key for posting: look in the thread for an answer carrying this key first.
    const earlier = await this.findOwnAnswer(delivery, channel, threadTs);
    if (earlier) return { receipt: `slack:${channel}:${earlier}` };
    const posted = await this.app.client.chat.postMessage({
      channel,
      thread_ts: threadTs,
      text,
      metadata: {
        event_type: ANSWER_EVENT,
        event_payload: { idempotency_key: delivery.idempotencyKey, case_id: delivery.caseId },
      },
    });
    return { receipt: `slack:${channel}:${posted.ts}` };
  }

  /**
   * The ts of our answer carrying this delivery's key, looked for page by page (200 replies each) through the thread.
   * A thread longer than MAX_PAGES pages cannot be checked, so the delivery fails (retried, then shown to approvers)
   * rather than risk a second answer.
   */
  private async findOwnAnswer(delivery: Delivery, channel: string, threadTs: string): Promise<string | undefined> {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const replies = await this.app.client.conversations.replies({
        channel,
        ts: threadTs,
        include_all_metadata: true,
        limit: PAGE_SIZE,
        ...(cursor && { cursor }),
      });
      const earlier = replies.messages?.find((message) => {
        const metadata = (message as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } })
          .metadata;
        return (
          metadata?.event_type === ANSWER_EVENT && metadata.event_payload?.idempotency_key === delivery.idempotencyKey
        );
      });
      if (earlier?.ts) return earlier.ts;
      cursor = replies.response_metadata?.next_cursor || undefined;
      if (!replies.has_more || !cursor) return undefined;
    }
    throw new HuiyingError({
      code: 'delivery-failed',
      message: `Case ${delivery.caseId}: the Slack thread ${channel}/${threadTs} has more than ${MAX_PAGES * PAGE_SIZE} replies, so huiying cannot check that the answer was not posted already. Post it by hand, or retry.`,
    });
  }
}
