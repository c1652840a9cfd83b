import type { DraftSentence } from '../drafting/draft-types.ts';
import type { VersionSource } from './render-public-answer.ts';

/** The id a citation number gets when the version has no such source: no passage has it, so verification flags it. */
export const UNKNOWN_SOURCE_ID = -1;

/**
 * Reads a reviewer's edited text back into sentences with citations: `...予以答复。[1][2]` cites sources 1 and 2 of
 * the version it was edited from. A sentence without a number is a formula sentence and may state no facts.
 */
export function parseCitedText(
  text: string,
  sources: ReadonlyArray<Pick<VersionSource, 'number' | 'chunkId'>>,
): Array<DraftSentence & { sources: number[] }> {
  const chunkOf = new Map(sources.map((source) => [source.number, source.chunkId]));
  const pieces = text
    .split(/(?<=[。！？；!?;](?:\s*\[\d+\])*)|\n+/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
  return pieces.map((piece) => {
    const numbers = [...piece.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    const sentence = piece.replace(/\s*\[\d+\]/g, '').trim();
    const citations = [...new Set(numbers.map((number) => chunkOf.get(number) ?? UNKNOWN_SOURCE_ID))];
    return { text: sentence, citations, sources: [...new Set(numbers)], formula: numbers.length === 0 };
  });
}
