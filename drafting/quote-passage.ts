import { segment } from '../text/segmenter.ts';

const SHORT_PASSAGE = 160;
const PIECE = /[^。！？；!?;\n]+[。！？；!?;]*/g;

/**
 * The words of a passage that bear on a sentence, to show beside it: the whole passage when it is short, otherwise
 * the passage sentence that shares the most words with it (its opening when none does).
 */
export function quotePassage(passage: string, sentence: string): string {
  const text = passage.trim();
  if (text.length <= SHORT_PASSAGE) return text;
  const wanted = new Set(segment(sentence));
  let best = { piece: '', shared: 0 };
  for (const match of text.matchAll(PIECE)) {
    const piece = match[0].trim();
    const shared = new Set(segment(piece).filter((term) => wanted.has(term))).size;
    if (shared > best.shared) best = { piece, shared };
  }
  return best.shared > 0 ? best.piece : `${text.slice(0, SHORT_PASSAGE)}…`;
}
