/**
 * How close a local passage's score must be to a national one's for the national one to go first. In reciprocal rank
 * fusion neighbouring ranks differ by about 1.6%, so at 2% a national passage moves ahead of the local passage just
 * above it and no further: equally relevant, national law first (上位法优先).
 */
export const LOCAL_TIE_MARGIN = 0.02;

/**
 * Orders passages by score with national documents ahead of local ones of (nearly) equal score; passages listed first
 * for another reason (an article named in the question) keep their place.
 */
export function preferNational<T extends { score: number; document: { region: ReadonlyArray<string> } }>(
  results: ReadonlyArray<T>,
  options: { pinned: ReadonlySet<T> },
): T[] {
  const adjusted = (result: T) => result.score * (result.document.region.length > 0 ? 1 - LOCAL_TIE_MARGIN : 1);
  const pinned = results.filter((result) => options.pinned.has(result));
  const ranked = results
    .filter((result) => !options.pinned.has(result))
    .map((result, index) => ({ result, index }))
    .sort((left, right) => adjusted(right.result) - adjusted(left.result) || left.index - right.index)
    .map(({ result }) => result);
  return [...pinned, ...ranked];
}
