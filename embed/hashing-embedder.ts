import { loadJiebaIdf, segment } from '../text/segmenter.ts';
import type { Embedder } from './embedder.ts';
import { normaliseVector } from './normalise-vector.ts';

// Character bigrams catch what segmentation misses (variant wording, names); words carry most of the meaning.
const BIGRAM_WEIGHT = 0.35;
const UNKNOWN_WORD_IDF = 9;

let idfTable: Map<string, number> | undefined;

/**
 * The built-in embedder: signed feature hashing of segmented words (weighted by jieba's IDF) and character
 * bigrams into a fixed number of dimensions. Deterministic, offline, and fast enough to embed a large corpus in seconds.
 */
export class HashingEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  // Hashed words and bigrams mostly repeat what keyword search knows, so they must not reorder its results: in RRF
  // a weight of 0.05 already outweighs the gap between neighbouring keyword ranks (1/61 - 1/62), and on the dev set
  // it lowered article Recall@1 from 0.320 to 0.294 (0.02: 0.313; 0.10: R@10 0.559). At 0.01 the vectors break ties
  // and fill in where keywords find little or nothing (typos, words the index lacks), and hybrid equals keyword
  // search on the dev set (R@1 0.320, R@10 0.567, R@100 0.730). See README, "Measured".
  readonly fusionWeight = 0.01;

  constructor(options: { dimensions: number }) {
    this.dimensions = options.dimensions;
    this.id = `offline-hashing-v1/${options.dimensions}`;
  }

  async embed(texts: ReadonlyArray<string>): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): Float32Array {
    idfTable ??= loadJiebaIdf();
    const features = new Map<string, number>();
    for (const word of segment(text)) features.set(word, (features.get(word) ?? 0) + 1);
    const vector = new Float32Array(this.dimensions);
    for (const [word, count] of features) {
      const weight = (1 + Math.log(count)) * (idfTable.get(word) ?? UNKNOWN_WORD_IDF);
      addHashed(vector, `w:${word}`, weight);
    }
    const bigrams = new Map<string, number>();
    const han = text.replace(/[^\p{Script=Han}A-Za-z0-9]+/gu, ' ');
    for (let index = 0; index + 1 < han.length; index += 1) {
      const bigram = han.slice(index, index + 2);
      if (!bigram.includes(' ')) bigrams.set(bigram, (bigrams.get(bigram) ?? 0) + 1);
    }
    for (const [bigram, count] of bigrams) addHashed(vector, `b:${bigram}`, BIGRAM_WEIGHT * (1 + Math.log(count)) * 4);
    return normaliseVector(vector);
  }
}

function addHashed(vector: Float32Array, feature: string, weight: number): void {
  const hash = fnv1a(feature);
  const index = hash % vector.length;
  vector[index]! += (hash & 0x80000000) === 0 ? weight : -weight;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
