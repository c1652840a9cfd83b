const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CHINESE_DIGITS = '零一二三四五六七八九';

/**
 * Parses a Chinese or Arabic numeral ("三十三", "一百零七", "一千二百", "三亿五千万", "二〇二四", "33") into a number;
 * undefined if it is not one. Digits without 十百千万亿 are read position by position, as years are written.
 */
export function parseChineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百千万亿]+$/.test(text)) return undefined;
  if (text.length > 1 && /^[零〇一二两三四五六七八九]+$/.test(text))
    return Number([...text].map((character) => DIGITS[character]).join(''));
  const [high, rest] = text.includes('亿') ? splitOnce(text, '亿') : ['', text];
  const [middle, low] = rest.includes('万') ? splitOnce(rest, '万') : ['', rest];
  const group = (part: string, present: boolean) => (present ? (part === '' ? 1 : parseSection(part)) : 0);
  const value =
    group(high, text.includes('亿')) * 100_000_000 + group(middle, rest.includes('万')) * 10_000 + parseSection(low);
  return Number.isNaN(value) ? undefined : value;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}

// A section below ten thousand: 一千二百, 三十三, 十五, 一百零七.
function parseSection(text: string): number {
  let total = 0;
  let digit = 0;
  for (const character of text) {
    if (character in DIGITS) {
      digit = DIGITS[character]!;
      continue;
    }
    const unit = UNITS[character];
    if (unit === undefined) return Number.NaN;
    total += (digit === 0 && unit === 10 ? 1 : digit) * unit;
    digit = 0;
  }
  return total + digit;
}

/** Writes 1–9999 as a Chinese numeral the way statutes number their articles ("第一百零七条"). */
export function toChineseNumber(value: number): string {
  if (value === 0) return '零';
  const parts: string[] = [];
  const units = ['千', '百', '十', ''];
  const digits = String(value).padStart(4, '0').split('').map(Number);
  let pendingZero = false;
  digits.forEach((digit, index) => {
    if (digit === 0) {
      if (parts.length > 0) pendingZero = true;
      return;
    }
    if (pendingZero) parts.push('零');
    pendingZero = false;
    const omitOne = digit === 1 && units[index] === '十' && parts.length === 0;
    parts.push(`${omitOne ? '' : CHINESE_DIGITS[digit]}${units[index]}`);
  });
  return parts.join('');
}
