import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil } from '../support/wait-until.ts';

type Call = { method: string; body: Record<string, unknown> };
type Message = {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
};

/**
 * Stands in for Slack on 127.0.0.1: the Web API methods huiying calls (auth.test, chat.postMessage,
 * conversations.replies, views.open) and the response_url of slash commands, recording every call; and, as Slack
 * does, it sends signed events, commands, button presses and modal submissions to the app's Request URL.
 */
export class FakeSlack {
  readonly calls: Call[] = [];
  readonly messages: Message[] = [];
  readonly responses: Array<Record<string, unknown>> = [];
  /** Someone else replies in a thread (the messages a surface must look past). */
  replyAsUser(options: { channel: string; threadTs: string; text: string }): void {
    this.messages.push({
      channel: options.channel,
      ts: `${1_700_000_000 + ++this.counter}.000200`,
      thread_ts: options.threadTs,
      text: options.text,
    });
  }

  /** Answer the next N chat.postMessage calls with an error, as Slack does when it is having trouble. */
  failPosts = 0;
  private server?: Server;
  private counter = 0;

  constructor(private readonly signingSecret: string) {}

  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  private get origin(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request).then((body) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    // Keep-alive connections from the app's Web API client would hold the close for seconds.
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  /** Calls of one Web API method, in order. */
  called(method: string): Array<Record<string, unknown>> {
    return this.calls.filter((call) => call.method === method).map((call) => call.body);
  }

  /** Waits until `check` holds (the app answers asynchronously). */
  until<T>(check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
    return waitUntil(check, { timeoutMs, what: 'FakeSlack' });
  }

  sendEvent(requestUrl: string, event: Record<string, unknown>): Promise<number> {
    return this.sign(
      requestUrl,
      'application/json',
      JSON.stringify({
        token: 'x',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: `Ev${++this.counter}`,
        event_time: 1,
        event,
      }),
    );
  }

  sendCommand(requestUrl: string, fields: { text: string; user_id: string; channel_id?: string }): Promise<number> {
    const body = new URLSearchParams({
      command: '/huiying',
      team_id: 'T1',
      api_app_id: 'A1',
      channel_id: 'C-staff',
      trigger_id: 'trigger-1',
      response_url: `${this.origin}/response/${++this.counter}`,
      ...fields,
    });
    return this.sign(requestUrl, 'application/x-www-form-urlencoded', body.toString());
  }

  pressButton(
    requestUrl: string,
    fields: { actionId: string; value: string; userId: string; channel: string; messageTs: string },
  ): Promise<number> {
    const payload = {
      type: 'block_actions',
      api_app_id: 'A1',
      team: { id: 'T1' },
      user: { id: fields.userId },
      channel: { id: fields.channel },
      trigger_id: `trigger-${++this.counter}`,
      container: { type: 'message', message_ts: fields.messageTs, channel_id: fields.channel },
      message: { ts: fields.messageTs, type: 'message' },
      response_url: `${this.origin}/response/${this.counter}`,
      actions: [
        { type: 'button', action_id: fields.actionId, block_id: 'review', value: fields.value, action_ts: '1' },
      ],
    };
    return this.sign(
      requestUrl,
      'application/x-www-form-urlencoded',
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    );
  }

  submitView(
    requestUrl: string,
    fields: { userId: string; callbackId: string; privateMetadata: string; value: string },
  ): Promise<number> {
    const payload = {
      type: 'view_submission',
      api_app_id: 'A1',
      team: { id: 'T1' },
      user: { id: fields.userId },
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: fields.callbackId,
        private_metadata: fields.privateMetadata,
        state: { values: { input: { value: { type: 'plain_text_input', value: fields.value } } } },
      },
    };
    return this.sign(
      requestUrl,
      'application/x-www-form-urlencoded',
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    );
  }

  private async sign(requestUrl: string, type: string, body: string): Promise<number> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', this.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const response = await fetch(requestUrl, {
      method: 'POST',
      headers: { 'content-type': type, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
      body,
    });
    await response.text();
    return response.status;
  }

  private async handle(request: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = request.url ?? '';
    if (url.startsWith('/response/')) {
      this.responses.push(JSON.parse(raw) as Record<string, unknown>);
      return { ok: true };
    }
    const method = url.replace(/^\/api\//, '').split('?')[0]!;
    const body = parseBody(raw, request.headers['content-type'] ?? '');
    this.calls.push({ method, body });
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'huiying' };
      case 'chat.postMessage': {
        if (this.failPosts > 0) {
          this.failPosts -= 1;
          return { ok: false, error: 'service_unavailable' };
        }
        const message: Message = {
          channel: String(body.channel),
          ts: `${1_700_000_000 + ++this.counter}.000100`,
          text: String(body.text ?? ''),
          ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
          blocks: body.blocks as unknown[] | undefined,
          metadata: body.metadata as Message['metadata'],
        };
        this.messages.push(message);
        return { ok: true, channel: message.channel, ts: message.ts, message };
      }
      case 'conversations.replies': {
        // As Slack: `limit` replies a page (oldest first), `has_more` and a cursor for the next page.
        const thread = this.messages.filter(
          (message) => message.channel === body.channel && (message.thread_ts === body.ts || message.ts === body.ts),
        );
        const start = Number(body.cursor ?? 0);
        const end = start + Math.min(1000, Number(body.limit ?? 1000));
        const page = thread
          .slice(start, end)
          .map((message) => ({ ...message, ...(body.include_all_metadata ? {} : { metadata: undefined }) }));
        return {
          ok: true,
          messages: page,
          has_more: end < thread.length,
          ...(end < thread.length && { response_metadata: { next_cursor: String(end) } }),
        };
      }
      case 'views.open':
        return { ok: true, view: { id: `V${++this.counter}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

// The Web API client sends forms whose object fields (blocks, metadata, view) are JSON strings.
function parseBody(raw: string, type: string): Record<string, unknown> {
  if (type.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value === 'true' ? true : value === 'false' ? false : value;
  }
  return body;
}
