import type { ChatModelConfig } from '../config/load-config.ts';
import type { ChatModel } from './chat-model.ts';
import { ExtractiveDrafter } from './extractive-drafter.ts';
import { OpenAIChatModel } from './openai-chat-model.ts';

/** The one place that picks the drafter: an OpenAI-compatible model (falling back to extractive) when CHAT_MODEL is set. */
export function createChatModel(config: ChatModelConfig, options: { fetch?: typeof globalThis.fetch } = {}): ChatModel {
  const extractive = new ExtractiveDrafter();
  if (config.kind === 'extractive') return extractive;
  return new OpenAIChatModel({
    model: config.model,
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    fallback: extractive,
    fetch: options.fetch,
  });
}
