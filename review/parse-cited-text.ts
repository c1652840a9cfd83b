import type { DraftSentence } from '../drafting/draft-types.ts';
import type { VersionSource } from './render-public-answer.ts';

/** The id a citation number gets when the version has no such source: no passage has it, so verification flags it. */
export const UNKNOWN_SOURCE_ID = -1;

// A sentence runs to its closing mark (and any closing quotes or brackets after it), then takes the [n] numbers that
// follow it: "…予以答复。[1][2]" is one sentence citing 1 and 2. A number may also stand before the mark ("…答复[1]。").
// Lines are sentences of their own even without a closing mark (a heading, a list item); numbers alone on a line
// belong to the sentence before them.
const CITED_SENTENCE = /[^。！？；!?;\n]+(?:[。！？；!?;]+[”’」』）)]*|$)(?:[ \t]*\[\d+\])*|(?:[ \t]*\[\d+\])+/g;

// Marks inside a quotation (“……；……。”) do not end the sentence that quotes: a quoted provision is one sentence
// with the [n] after its closing mark. They are swapped for private-use characters while splitting.
const ENDING_MARKS = '。！？；!?;';
const HIDDEN_MARKS = '\uE000\uE001\uE002\uE003\uE004\uE005\uE006';

function hideQuotedMarks(line: string): string {
  const characters = [...line];
  let depth = 0;
  return characters
    .map((character, index) => {
      if (character === '“') depth += 1;
      else if (character === '”') depth = Math.max(0, depth - 1);
      const mark = ENDING_MARKS.indexOf(character);
      // The mark right before the closing quote ends the quoted statement, and so the sentence: it stays.
      const closing = depth === 1 && characters[index + 1] === '”';
      return depth > 0 && mark >= 0 && !closing ? HIDDEN_MARKS[mark]! : character;
    })
    .join('');
}

function restoreQuotedMarks(text: string): string {
  return text.replace(/[\uE000-\uE006]/g, (character) => ENDING_MARKS[HIDDEN_MARKS.indexOf(character)]!);
}

/** Splits edited text into its sentences, each with the [n] numbers that belong to it, in order. */
export function splitCitedSentences(text: string): string[] {
  const pieces: string[] = [];
  for (const line of text.split('\n'))
    for (const match of hideQuotedMarks(line).matchAll(CITED_SENTENCE)) {
      const piece = restoreQuotedMarks(match[0]).trim();
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
