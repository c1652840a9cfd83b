import { REPLACEMENTS } from './personal-data-patterns.ts';

const PLACEHOLDERS = [...new Set(Object.values(REPLACEMENTS))];

/**
 * The first `maxCharacters` of a redacted text on one line, for lists (the queue, `huiying cases`), with … when cut.
 * A cut never falls inside a placeholder such as [手机号已隐去]: half of one ("[手机号已") reads as data lost.
 */
export function shortenRedactedText(text: string, maxCharacters: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= maxCharacters) return line;
  let end = maxCharacters;
  for (const placeholder of PLACEHOLDERS) {
    // A placeholder that starts before the cut and ends after it is kept whole.
    const start = line.lastIndexOf(placeholder, end - 1);
    if (start !== -1 && start + placeholder.length > end) end = start + placeholder.length;
  }
  return `${line.slice(0, end)}…`;
}
