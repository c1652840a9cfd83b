import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type ScriptedFailure = { status: number; headers?: Record<string, string>; body?: string };

/**
 * A loopback stand-in for an OpenAI-compatible API. It speaks the real wire format (embeddings as base64
 * little-endian float32 when the client asks for it, as the openai package does; a tool call when the request
 * offers tools, as LangChain's function calling does), records every request, and can be told to fail the next
 * requests with given statuses.
 */
export class FakeOpenAIServer {
  readonly requests: Array<{ path: string; body: Record<string, unknown>; authorization?: string }> = [];
  private readonly failures: ScriptedFailure[] = [];
  /**
   * What the next chat completions answer, optionally after a delay (for timeouts): the message content or, when the
   * request offers tools, the arguments of a call to the tool it names (unless the reply ignores the tools).
   */
  readonly chatReplies: Array<{ content: string; delayMs?: number; ignoreTools?: boolean }> = [];
  private server?: Server;

  constructor(private readonly options: { dimensions: number }) {}

  /** Starts listening on 127.0.0.1 and returns the base URL to give the client (ends in /v1). */
  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  failNext(...failures: ScriptedFailure[]): void {
    this.failures.push(...failures);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The vector the fake returns for a text: deterministic, so tests can predict it. */
  vectorFor(text: string): number[] {
    const vector = Array.from(
      { length: this.options.dimensions },
      (_, index) => ((text.codePointAt(index % text.length) ?? 1) % 17) + index + 1,
    );
    return vector;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    this.requests.push({ path: request.url ?? '', body, authorization: request.headers.authorization });
    const failure = this.failures.shift();
    if (failure) {
      response.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      response.end(
        failure.body ?? JSON.stringify({ error: { message: `scripted ${failure.status}`, type: 'server_error' } }),
      );
      return;
    }
    if (request.url === '/v1/chat/completions') {
      const reply = this.chatReplies.shift() ?? {
        content: JSON.stringify({ sentences: [], confidence: 0, escalate_reasons: ['no scripted reply'] }),
      };
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      if (response.destroyed) return;
      if (body.stream === true) {
        // Server-sent events, the content split into pieces as a real endpoint streams it.
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const pieces = reply.content.match(/[\s\S]{1,7}/g) ?? [];
        const chunk = (delta: Record<string, unknown>, finish: string | null) =>
          `data: ${JSON.stringify({ id: 'chatcmpl-stream', object: 'chat.completion.chunk', created: 1_700_000_000, model: body.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
        response.write(chunk({ role: 'assistant', content: '' }, null));
        for (const piece of pieces) response.write(chunk({ content: piece }, null));
        response.write(chunk({}, 'stop'));
        response.end('data: [DONE]\n\n');
        return;
      }
      const tool = reply.ignoreTools ? undefined : toolToCall(body);
      const message = tool
        ? {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              {
                id: `call_${this.requests.length}`,
                type: 'function',
                function: { name: tool, arguments: reply.content },
              },
            ],
          }
        : { role: 'assistant', content: reply.content, refusal: null };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: `chatcmpl-${this.requests.length}`,
          object: 'chat.completion',
          created: 1_700_000_000,
          model: body.model,
          // A call the request forced through tool_choice finishes with "stop", one the model chose with "tool_calls".
          choices: [
            {
              index: 0,
              message,
              finish_reason: tool && typeof body.tool_choice !== 'object' ? 'tool_calls' : 'stop',
              logprobs: null,
            },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
      return;
    }
    if (request.url === '/v1/embeddings') {
      const inputs = (Array.isArray(body.input) ? body.input : [body.input]) as string[];
      const data = inputs.map((text, index) => {
        const vector = this.vectorFor(text);
        const embedding =
          body.encoding_format === 'base64' ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector;
        return { object: 'embedding', index, embedding };
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      // Returned in reverse to check that the client orders results by index.
      response.end(
        JSON.stringify({
          object: 'list',
          model: body.model,
          data: data.reverse(),
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      );
      return;
    }
    response
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { message: 'not found' } }));
  }
}

// The tool a request forces (tool_choice names a function), or its only tool when it offers just one.
function toolToCall(body: Record<string, unknown>): string | undefined {
  const tools = Array.isArray(body.tools) ? (body.tools as Array<{ function?: { name?: string } }>) : [];
  if (tools.length === 0) return undefined;
  const forced = (body.tool_choice as { function?: { name?: string } } | undefined)?.function?.name;
  return forced ?? (tools.length === 1 ? tools[0]!.function?.name : undefined);
}
