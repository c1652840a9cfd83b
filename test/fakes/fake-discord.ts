import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil } from '../support/wait-until.ts';
import { WebSocketServer, type WebSocket } from 'ws';

export const BOT_ID = '100000000000000001';
export const APPLICATION_ID = '100000000000000002';

type StoredMessage = {
  id: string;
  channel_id: string;
  author: { id: string; username: string; bot?: boolean };
  content: string;
  embeds: unknown[];
  components: unknown[];
  message_reference?: { message_id?: string };
  timestamp: string;
  type: number;
};

/**
 * Stands in for Discord on 127.0.0.1: the REST routes huiying uses (gateway discovery, command registration, channel
 * messages, interaction callbacks and their webhooks) and a gateway that says HELLO, answers IDENTIFY with READY,
 * acknowledges heartbeats and dispatches the interactions a test sends. Every REST call is recorded.
 */
export class FakeDiscord {
  readonly calls: Array<{ method: string; path: string; body: unknown }> = [];
  readonly messages: StoredMessage[] = [];
  /** Interaction callbacks by interaction id: what the bot answered (type 4 reply, 5 deferred, 9 modal). */
  readonly callbacks = new Map<string, { type: number; data?: Record<string, unknown> }>();
  /** The original response of each interaction token, as webhook edits leave it. */
  readonly originals = new Map<string, StoredMessage>();
  // Where each interaction happened, so its original response lands in that channel.
  private readonly interactionChannels = new Map<string, string>();
  private server?: Server;
  private gateway?: WebSocketServer;
  private socket?: WebSocket;
  private sequence = 0;
  private nextId = 200000000000000000n;

  /** `rejectToken`: answer gateway discovery with 401, as Discord does for a wrong bot token. */
  constructor(private readonly options: { rejectToken?: boolean } = {}) {}

  /** Open gateway connections (a bot that stopped has none). */
  get gatewayConnections(): number {
    return this.gateway?.clients.size ?? 0;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/api`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, body }) => {
        response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
        response.end(body === undefined ? undefined : JSON.stringify(body));
      });
    });
    this.gateway = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.gateway.on('connection', (socket) => {
      this.socket = socket;
      socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
      socket.on('message', (raw) => {
        const packet = JSON.parse(String(raw)) as { op: number };
        if (packet.op === 1) socket.send(JSON.stringify({ op: 11 }));
        if (packet.op === 2) {
          this.dispatch('READY', {
            v: 10,
            user: { id: BOT_ID, username: 'huiying', discriminator: '0', bot: true, avatar: null, global_name: null },
            guilds: [],
            session_id: 'session-1',
            resume_gateway_url: `ws://127.0.0.1:${(this.server!.address() as AddressInfo).port}/gateway`,
            application: { id: APPLICATION_ID, flags: 0 },
          });
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const client of this.gateway?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => this.gateway?.close(() => resolve()));
    // Keep-alive connections from the bot's REST client would hold the close for seconds.
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  /** Waits until `check` holds (the app answers asynchronously). */
  until<T>(check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
    return waitUntil(check, { timeoutMs, what: 'FakeDiscord' });
  }

  /** The original response to an interaction (its receipt or deferred reply), as the bot's edits left it. */
  originalOf(interactionId: string): StoredMessage | undefined {
    return this.originals.get(`token-${interactionId}`);
  }

  /** A user runs a slash command in a channel; returns the interaction id. */
  command(options: { name: string; question: string; userId: string; channelId: string }): string {
    return this.interact(options.userId, options.channelId, {
      type: 2,
      data: { id: '3', name: options.name, type: 1, options: [{ name: 'question', type: 3, value: options.question }] },
    });
  }

  /** Someone else writes in a channel (the messages a surface must look past). */
  postAsUser(options: { channelId: string; userId: string; content: string }): StoredMessage {
    return this.store(
      options.channelId,
      { content: options.content },
      { id: options.userId, username: `user-${options.userId}`, bot: false },
    );
  }

  /** A user presses a button on a message; returns the interaction id. */
  press(options: { customId: string; userId: string; message: StoredMessage }): string {
    return this.interact(options.userId, options.message.channel_id, {
      type: 3,
      message: options.message,
      data: { custom_id: options.customId, component_type: 2 },
    });
  }

  /** A user submits a modal the bot showed; returns the interaction id. */
  submitModal(options: { customId: string; userId: string; channelId: string; value: string }): string {
    return this.interact(options.userId, options.channelId, {
      type: 5,
      data: {
        custom_id: options.customId,
        components: [{ type: 1, components: [{ type: 4, custom_id: 'value', value: options.value }] }],
      },
    });
  }

  private interact(userId: string, channelId: string, fields: Record<string, unknown>): string {
    const id = this.newId();
    this.interactionChannels.set(id, channelId);
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: APPLICATION_ID,
      token: `token-${id}`,
      version: 1,
      channel_id: channelId,
      channel: { id: channelId, type: 0 },
      user: { id: userId, username: `user-${userId}`, discriminator: '0', avatar: null, global_name: null },
      app_permissions: '0',
      locale: 'zh-CN',
      entitlements: [],
      authorizing_integration_owners: {},
      context: 1,
      ...fields,
    });
    return id;
  }

  private dispatch(event: string, data: unknown): void {
    this.socket?.send(JSON.stringify({ op: 0, s: ++this.sequence, t: event, d: data }));
  }

  private newId(): string {
    this.nextId += 1n;
    return String(this.nextId);
  }

  private store(
    channelId: string,
    body: Record<string, unknown>,
    author = { id: BOT_ID, username: 'huiying', bot: true },
  ): StoredMessage {
    const message: StoredMessage = {
      id: this.newId(),
      channel_id: channelId,
      author,
      content: String(body.content ?? ''),
      embeds: (body.embeds as unknown[]) ?? [],
      components: (body.components as unknown[]) ?? [],
      ...(body.message_reference ? { message_reference: body.message_reference as { message_id?: string } } : {}),
      timestamp: new Date().toISOString(),
      type: body.message_reference ? 19 : 0,
    };
    this.messages.push(message);
    return message;
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const method = request.method ?? 'GET';
    this.calls.push({ method, path, body });
    let match: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      if (this.options.rejectToken) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${(this.server!.address() as AddressInfo).port}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (method === 'PUT' && (match = /^\/applications\/(\d+)\/commands$/.exec(path))) {
      return {
        status: 200,
        body: (body as unknown as Array<Record<string, unknown>>).map((command, index) => ({
          ...command,
          id: String(300 + index),
          application_id: match![1],
          version: '1',
          type: 1,
        })),
      };
    }
    if ((match = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      if (method === 'POST') return { status: 200, body: this.store(match[1]!, body) };
      // As Discord: at most `limit` (default 50, at most 100) of the messages right after `after`, newest first.
      const after = BigInt(url.searchParams.get('after') ?? '0');
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 50));
      return {
        status: 200,
        body: this.messages
          .filter((message) => message.channel_id === match![1] && BigInt(message.id) > after)
          .slice(0, limit)
          .reverse(),
      };
    }
    if (method === 'POST' && (match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      this.callbacks.set(match[1]!, body as { type: number; data?: Record<string, unknown> });
      if (body.type === 4 || body.type === 5) {
        this.originals.set(
          match[2]!,
          this.store(this.interactionChannels.get(match[1]!) ?? '0', (body.data as Record<string, unknown>) ?? {}),
        );
      }
      return { status: 204 };
    }
    if ((match = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path))) {
      const original = this.originals.get(match[2]!);
      if (!original) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      if (method === 'PATCH')
        Object.assign(original, {
          content: String(body.content ?? original.content),
          embeds: (body.embeds as unknown[]) ?? original.embeds,
        });
      return { status: 200, body: original };
    }
    return { status: 404, body: { message: `FakeDiscord has no route ${method} ${path}`, code: 0 } };
  }
}
