import type { ChatModelConfig } from '../config/load-config.ts';
import { OpenAITriager } from './openai-triager.ts';
import { RuleTriager } from './rule-triager.ts';
import type { Triager } from './triager.ts';

/** The one place that picks the triager: the configured chat model (falling back to the rules), or the rules alone. */
export function createTriager(config: ChatModelConfig, options: { fetch?: typeof globalThis.fetch } = {}): Triager {
  const rules = new RuleTriager();
  if (config.kind === 'extractive') return rules;
  return new OpenAITriager({
    model: config.model,
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    fallback: rules,
    fetch: options.fetch,
  });
}
