import type { RankedChunk } from './lexical-search.ts';

/** Reciprocal rank fusion's damping constant; 60 is the value from the original paper and works without tuning. */
export const RRF_K = 60;

/** Merges ranked lists by reciprocal rank fusion: a chunk scores the sum of weight / (k + rank) over the lists it is in. */
export function fuseRankings(
  lists: ReadonlyArray<{ results: ReadonlyArray<RankedChunk>; weight?: number }>,
): RankedChunk[] {
  const scores = new Map<number, number>();
  for (const { results, weight = 1 } of lists) {
    results.forEach((result, index) =>
      scores.set(result.chunkId, (scores.get(result.chunkId) ?? 0) + weight / (RRF_K + index + 1)),
    );
  }
  return [...scores]
    .map(([chunkId, score]) => ({ chunkId, score }))
    .sort((left, right) => right.score - left.score || left.chunkId - right.chunkId);
}
