/** One sentence of a statement, with where it stands in the text (UTF-16 offsets, end exclusive). */
export type StatementSentence = { text: string; start: number; end: number };

// A sentence runs to its closing marks and any closing quotes or brackets after them; a line without a closing mark
// (a heading, a list item, a signature) is a sentence of its own. An ASCII ! ? ; closes a sentence only before a
// space or the end, so a link's query (?id=1) stays in its sentence.
const SENTENCE = /(?:[^。！？；!?;\n]|[!?;](?!\s|$))+(?:[。！？；]+[”’」』）)]*|[!?;]+(?=\s|$))?|[。！？；]+/g;
const CONTENT = /[\p{Script=Han}\p{L}\p{N}]/u;

/**
 * Splits a statement someone wrote (a press release, a reply letter) into the sentences to check, keeping each one's
 * offsets so it can be shown in place. Pieces without a letter, digit or Han character (a lone mark) are left out.
 */
export function splitStatement(text: string): StatementSentence[] {
  const sentences: StatementSentence[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    const raw = match[0];
    const trimmed = raw.trim();
    if (!CONTENT.test(trimmed)) continue;
    const start = match.index! + (raw.length - raw.trimStart().length);
    sentences.push({ text: trimmed, start, end: start + trimmed.length });
  }
  return sentences;
}
