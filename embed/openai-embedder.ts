import type OpenAI from 'openai';
import { DEFAULTS } from '../config/defaults.ts';
import { HuiyingError } from '../config/huiying-error.ts';
import { createOpenAIClient, type OpenAIConnection } from '../providers/create-openai-client.ts';
import type { Embedder } from './embedder.ts';
import { normaliseVector } from './normalise-vector.ts';

export type OpenAIEmbedderOptions = OpenAIConnection & {
  model: string;
  dimensions: number;
  /** Texts per request. @default 64 */
  batchSize?: number;
};

/** Embeddings from any OpenAI-compatible endpoint (OpenAI, Azure, DeepSeek, DashScope, Ollama, vLLM). */
export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  // A semantic model finds what keywords miss: plain reciprocal rank fusion.
  readonly fusionWeight = 1;
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly batchSize: number;

  constructor(options: OpenAIEmbedderOptions) {
    this.model = options.model;
    this.dimensions = options.dimensions;
    this.batchSize = options.batchSize ?? DEFAULTS.embeddingBatchSize;
    this.id = `openai:${options.model}/${options.dimensions}`;
    this.client = createOpenAIClient(options);
  }

  async embed(texts: ReadonlyArray<string>): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((text) => (text.trim() === '' ? ' ' : text));
      let response: OpenAI.Embeddings.CreateEmbeddingResponse;
      try {
        response = await this.client.embeddings.create({ model: this.model, input: batch });
      } catch (error) {
        throw new HuiyingError({
          code: 'embedding-failed',
          message: `The embeddings endpoint failed for model ${this.model}: ${(error as Error).message}. Check OPENAI_BASE_URL, OPENAI_API_KEY and EMBEDDING_MODEL, or set HUIYING_EMBEDDER=offline.`,
          cause: error,
        });
      }
      const ordered = [...response.data].sort((left, right) => left.index - right.index);
      for (const item of ordered) {
        if (item.embedding.length !== this.dimensions) {
          throw new HuiyingError({
            code: 'embedding-failed',
            message: `Model ${this.model} returned ${item.embedding.length} dimensions but EMBEDDING_DIMENSIONS is ${this.dimensions}. Set EMBEDDING_DIMENSIONS=${item.embedding.length} and run \`huiying reindex\`.`,
          });
        }
        vectors.push(normaliseVector(Float32Array.from(item.embedding)));
      }
    }
    return vectors;
  }
}
