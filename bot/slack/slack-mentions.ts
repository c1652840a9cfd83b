import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import type { ChatListenerOptions } from '../chat-listener-options.ts';

type Mention = { text: string; ts: string; thread_ts?: string; channel: string; user?: string };

/** A citizen mentions the app in a public channel: the question becomes a case answered in the same thread. */
export function listenForMentions(options: ChatListenerOptions & { app: App }): void {
  options.app.event('app_mention', async ({ event, client }) => {
    try {
      await receive(options, event, client);
    } catch (error) {
      const eventId = randomUUID().slice(0, 8);
      options.log(
        `[slack] event ${eventId}: a question in ${event.channel} was not received: ${(error as Error).message}`,
      );
      await client.chat
        .postMessage({
          channel: event.channel,
          thread_ts: event.thread_ts ?? event.ts,
          text: `系统暂时无法受理（事件编号 ${eventId}），请稍后再试。`,
        })
        .catch(() => undefined);
    }
  });
}

async function receive(options: ChatListenerOptions, event: Mention, client: App['client']): Promise<void> {
  const text = event.text.replace(/<@[A-Z0-9]+>/g, '').trim();
  if (text.length < 4) return;
  const threadTs = event.thread_ts ?? event.ts;
  const received = await submitInquiry(options.context, {
    kind: 'citizen-question',
    text,
    surface: 'slack',
    replyTarget: { channel: event.channel, threadTs },
    authorId: event.user ?? 'unknown',
    receivedBy: 'surface:slack',
    // Slack retries an event it thinks was missed; the event's own id keeps that from making a second case.
    sourceKey: `slack:${event.channel}:${event.ts}`,
  });
  if (received.duplicate) return;
  options.kick('draft');
  // A receipt only: fixed words and the reference, never an answer (answers need an approval).
  await client.chat.postMessage({
    channel: event.channel,
    thread_ts: threadTs,
    text: `已收到您的问题（查询码 ${received.publicReference}）。答复经工作人员审核后将在本话题中回复。`,
  });
}
