import { escapeMarkdown } from 'discord.js';

/**
 * A text as Discord should show it, character for character: markdown (bold, lists, headings, spoilers, code) is
 * escaped, and so is every `[` (masked links such as `[青禾市人民政府官网](https://evil.example)`) and every `<` (which
 * would turn `<@id>`, `<@&role>`, `<#channel>` and `<t:…>` into mentions and timestamps). Escaping at most doubles
 * the text. (Pings are stopped separately, with `allowed_mentions: { parse: [] }` on every message.)
 */
export function discordLiteral(text: string): string {
  // escapeMarkdown escapes backslashes too. Its masked-link option escapes only the first [ of a line (a greedy
  // match), which leaves [label](url) after a [1] live: every [ is escaped here instead.
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true });
  return escaped.replace(/[[<]/g, (character) => `\\${character}`);
}

/**
 * The text in consecutive parts, each escaped (discordLiteral) to at most `limit` characters: as much text as fits
 * in each, cut at a line break when one falls in its second half. Undoing the escapes and joining gives the text.
 */
export function literalParts(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  do {
    let size = Math.min(rest.length, limit);
    // Escaping at most doubles a text, so half the limit always fits.
    while (size > limit / 2 && discordLiteral(rest.slice(0, size)).length > limit)
      size = Math.max(Math.floor(limit / 2), Math.floor(size * 0.95));
    const lineBreak = rest.lastIndexOf('\n', size - 1);
    const cut = size < rest.length && lineBreak >= size / 2 ? lineBreak + 1 : size;
    parts.push(discordLiteral(rest.slice(0, cut)));
    rest = rest.slice(cut);
  } while (rest.length > 0);
  return parts;
}
