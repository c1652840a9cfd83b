import OpenAI from 'openai';
import { DEFAULTS } from '../config/defaults.ts';

/** Connection settings shared by every OpenAI-compatible client huiying makes: the embedder, the drafter, the triager. */
export type OpenAIConnection = {
  apiKey: string;
  baseURL?: string;
  /** Retries on 429, 5xx and connection errors, with exponential backoff (honours retry-after). @default 4 */
  maxRetries?: number;
  /** @default 30000 */
  timeoutMs?: number;
  /** Injected transport, so tests point the real client at a loopback fake. */
  fetch?: typeof globalThis.fetch;
};

/** Makes an `openai` client with huiying's retry and timeout defaults. */
export function createOpenAIClient(connection: OpenAIConnection): OpenAI {
  return new OpenAI({
    apiKey: connection.apiKey,
    baseURL: connection.baseURL,
    maxRetries: connection.maxRetries ?? DEFAULTS.modelMaxRetries,
    timeout: connection.timeoutMs ?? DEFAULTS.requestTimeoutMs,
    fetch: connection.fetch,
  });
}
