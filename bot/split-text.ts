/**
 * Splits a text into consecutive parts of at most `limit` characters, at a line break where one falls in the second
 * half of a part, so chat platforms with per-block limits show all of it. Joining the parts gives the text back.
 */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const lineBreak = rest.lastIndexOf('\n', limit - 1);
    const cut = lineBreak >= limit / 2 ? lineBreak + 1 : limit;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
