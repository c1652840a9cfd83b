import type { Embedder } from './embedder.ts';

/**
 * Embeds `texts` in one call and returns an embedder that answers from those vectors, passing anything else on to
 * `embedder`: many searches whose queries are known in advance (the sentences of a statement) cost one request to an
 * embeddings endpoint instead of one each. A text that was not prefetched is simply embedded when asked for.
 */
export async function prefetchEmbeddings(embedder: Embedder, texts: ReadonlyArray<string>): Promise<Embedder> {
  const distinct = [...new Set(texts)];
  const vectors = distinct.length > 0 ? await embedder.embed(distinct) : [];
  const known = new Map(distinct.map((text, index) => [text, vectors[index]!]));
  return {
    id: embedder.id,
    dimensions: embedder.dimensions,
    fusionWeight: embedder.fusionWeight,
    async embed(requested) {
      const missing = requested.filter((text) => !known.has(text));
      if (missing.length > 0) {
        const fresh = await embedder.embed(missing);
        missing.forEach((text, index) => known.set(text, fresh[index]!));
      }
      return requested.map((text) => known.get(text)!);
    },
  };
}
