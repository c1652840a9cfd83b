/** Turns text into vectors. One implementation runs offline; the other calls an OpenAI-compatible endpoint. */
export interface Embedder {
  /** Identifies the model and its settings; stored with the index so a different embedder is detected. */
  readonly id: string;
  readonly dimensions: number;
  /** How much hybrid search trusts this embedder's ranking against keyword ranking (weight 1) when fusing. */
  readonly fusionWeight: number;
  /** Embeds texts in order; each vector has `dimensions` entries and unit length. */
  embed(texts: ReadonlyArray<string>): Promise<Float32Array[]>;
}
