/** BM25's term-frequency saturation and length normalisation, at their usual values. */
const K1 = 1.2;
const B = 0.75;
/** Extra credit when two words the person wrote next to each other stand next to each other in the passage. */
const PHRASE_BONUS = 0.6;

export type ScoringTerm = { term: string; weight: number };

/**
 * Positions of each term in a chunk's stored index terms (the space-separated words its tsvector is built from).
 * Reading these strings is several times cheaper than converting tsvectors to text inside PGlite.
 */
export function termPositions(terms: string): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  terms.split(' ').forEach((term, index) => {
    if (term === '') return;
    const list = positions.get(term);
    if (list) list.push(index);
    else positions.set(term, [index]);
  });
  return positions;
}

/**
 * Scores one passage: BM25 over the weighted query terms, plus a bonus for each pair of adjacent query words that is
 * adjacent in the passage too (保证 + 期间 → "保证期间").
 */
export function bm25Score(options: {
  positions: Map<string, number[]>;
  terms: ReadonlyArray<ScoringTerm>;
  pairs: ReadonlyArray<readonly [ScoringTerm, ScoringTerm]>;
  averageLength: number;
}): number {
  let length = 0;
  for (const positions of options.positions.values()) length += positions.length;
  const norm = K1 * (1 - B + (B * length) / Math.max(1, options.averageLength));
  let score = 0;
  for (const { term, weight } of options.terms) {
    const frequency = options.positions.get(term)?.length ?? 0;
    if (frequency > 0) score += (weight * frequency * (K1 + 1)) / (frequency + norm);
  }
  for (const [first, second] of options.pairs) {
    const after = options.positions.get(second.term);
    const before = options.positions.get(first.term);
    if (!after || !before) continue;
    const following = new Set(before.map((position) => position + 1));
    if (after.some((position) => following.has(position))) score += PHRASE_BONUS * (first.weight + second.weight);
  }
  return score;
}
