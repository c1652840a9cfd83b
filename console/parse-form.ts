import { isStorableText } from '../text/storable-text.ts';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Why a form body cannot be read; the console tells the person in these words. */
export class FormInvalid extends Error {}

/**
 * Parses an application/x-www-form-urlencoded body as browsers write it (UTF-8, `+` for spaces, `%XX` bytes), but
 * strictly: percent-encoded bytes that are not UTF-8, NUL and unpaired surrogates are refused instead of being
 * replaced by U+FFFD or reaching the database, which cannot store NUL.
 */
export function parseForm(body: string): URLSearchParams {
  const form = new URLSearchParams();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decodeComponent(equals < 0 ? pair : pair.slice(0, equals));
    const value = decodeComponent(equals < 0 ? '' : pair.slice(equals + 1));
    if (!isStorableText(name) || !isStorableText(value))
      throw new FormInvalid('表单包含无效字符（如空字符），请删除后重新提交。');
    form.append(name, value);
  }
  return form;
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  if (!spaced.includes('%')) return spaced;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let index = 0; index < spaced.length; index += 1) {
    const hex = spaced.slice(index + 1, index + 3);
    if (spaced[index] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      // A character outside %XX (a literal % included, as URLSearchParams keeps it): its own UTF-8 bytes.
      const codePoint = spaced.codePointAt(index)!;
      const character = String.fromCodePoint(codePoint);
      for (const byte of encoder.encode(character)) bytes.push(byte);
      index += character.length - 1;
    }
  }
  try {
    return STRICT_UTF8.decode(new Uint8Array(bytes));
  } catch {
    throw new FormInvalid('表单内容不是有效的 UTF-8 文本，请检查后重新提交。');
  }
}
