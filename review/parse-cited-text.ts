import type { DraftSentence } from '../drafting/draft-types.ts';
import type { VersionSource } from './render-public-answer.ts';

/** The id a citation number gets when the version has no such source: no passage has it, so verification flags it. */
export const UNKNOWN_SOURCE_ID = -1;

// A sentence runs to its closing mark (and any closing quotes or brackets after it), then takes the [n] numbers that
// follow it: "…予以答复。[1][2]" is one sentence citing 1 and 2. A number may also stand before the mark ("…答复[1]。").
// Lines are sentences of their own even without a closing mark (a heading, a list item); numbers alone on a line
// belong to the sentence before them.
const CITED_SENTENCE = /[^。！？；!?;\n]+(?:[。！？；!?;]+[”’」』）)]*|$)(?:[ \t]*\[\d+\])*|(?:[ \t]*\[\d+\])+/g;

/** Splits edited text into its sentences, each with the [n] numbers that belong to it, in order. */
export function splitCitedSentences(text: string): string[] {
  const pieces: string[] = [];
  for (const line of text.split('\n'))
    for (const match of line.matchAll(CITED_SENTENCE)) {
      const piece = match[0].trim();
      if (/^(?:\s*\[\d+\])+$/.test(piece) && pieces.length > 0) pieces[pieces.length - 1] += piece;
      else if (piece !== '') pieces.push(piece);
    }
  return pieces;
}

/**
 * Reads a reviewer's edited text back into sentences with citations: `...予以答复。[1][2]` cites sources 1 and 2 of
 * the version it was edited from. A sentence without a number is a formula sentence and may state no facts.
 */
export function parseCitedText(
  text: string,
  sources: ReadonlyArray<Pick<VersionSource, 'number' | 'chunkId'>>,
): Array<DraftSentence & { sources: number[] }> {
  const chunkOf = new Map(sources.map((source) => [source.number, source.chunkId]));
  return splitCitedSentences(text).map((piece) => {
    const numbers = [...piece.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    const sentence = piece.replace(/[ \t]*\[\d+\]/g, '').trim();
    const citations = [...new Set(numbers.map((number) => chunkOf.get(number) ?? UNKNOWN_SOURCE_ID))];
    return { text: sentence, citations, sources: [...new Set(numbers)], formula: numbers.length === 0 };
  });
}
