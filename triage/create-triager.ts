import type { ChatModelConfig } from '../config/load-config.ts';
import { createLangChainChatModel } from '../providers/create-langchain-chat-model.ts';
import { LangChainTriager } from './langchain-triager.ts';
import { OpenAITriager } from './openai-triager.ts';
import { RuleTriager } from './rule-triager.ts';
import type { Triager } from './triager.ts';

/**
 * The one place that picks the triager: the configured chat model, through the openai client or LangChain (falling
 * back to the rules), or the rules alone.
 */
export function createTriager(config: ChatModelConfig, options: { fetch?: typeof globalThis.fetch } = {}): Triager {
  const rules = new RuleTriager();
  if (config.kind === 'extractive') return rules;
  if (config.kind === 'langchain') {
    return new LangChainTriager({
      model: config.model,
      structuredOutput: config.structuredOutput,
      fallback: rules,
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
  return new OpenAITriager({
    model: config.model,
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    fallback: rules,
    fetch: options.fetch,
  });
}
