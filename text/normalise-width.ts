/**
 * Folds full-width forms to their ASCII counterparts (１３８ → 138, ＡＢ → AB, ＠ → @, ．→ .) and the ideographic
 * space to a space, one character for one, so offsets into the result are offsets into the original. Used before
 * matching numbers and contacts, which people type in either width.
 */
export function normaliseWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (character) =>
    character === '\u3000' ? ' ' : String.fromCharCode(character.charCodeAt(0) - 0xfee0),
  );
}
