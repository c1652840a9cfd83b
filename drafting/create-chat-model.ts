import type { ChatModelConfig } from '../config/load-config.ts';
import { createLangChainChatModel } from '../providers/create-langchain-chat-model.ts';
import type { ChatModel } from './chat-model.ts';
import { ExtractiveDrafter } from './extractive-drafter.ts';
import { LangChainChatModel } from './langchain-chat-model.ts';
import { OpenAIChatModel } from './openai-chat-model.ts';

/**
 * The one place that picks the drafter: with CHAT_MODEL set, the model through the openai client or, with
 * HUIYING_MODEL_PROVIDER=langchain, through LangChain (either falling back to extractive); otherwise extractive.
 */
export function createChatModel(config: ChatModelConfig, options: { fetch?: typeof globalThis.fetch } = {}): ChatModel {
  const extractive = new ExtractiveDrafter();
  if (config.kind === 'extractive') return extractive;
  if (config.kind === 'langchain') {
    return new LangChainChatModel({
      model: config.model,
      structuredOutput: config.structuredOutput,
      fallback: extractive,
      chatModel: () =>
        createLangChainChatModel({
          model: config.model,
          apiKey: config.apiKey,
          baseURL: config.baseURL,
          module: config.module,
          fetch: options.fetch,
        }),
    });
  }
  return new OpenAIChatModel({
    model: config.model,
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    fallback: extractive,
    fetch: options.fetch,
  });
}
