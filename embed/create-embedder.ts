import type { EmbedderConfig } from '../config/load-config.ts';
import type { Embedder } from './embedder.ts';
import { HashingEmbedder } from './hashing-embedder.ts';
import { OpenAIEmbedder } from './openai-embedder.ts';

/** The one place that picks the embedder from configuration. */
export function createEmbedder(config: EmbedderConfig, options: { fetch?: typeof globalThis.fetch } = {}): Embedder {
  if (config.kind === 'openai') {
    return new OpenAIEmbedder({
      model: config.model,
      dimensions: config.dimensions,
      apiKey: config.apiKey,
      baseURL: config.baseURL,
      fetch: options.fetch,
    });
  }
  return new HashingEmbedder({ dimensions: config.dimensions });
}
