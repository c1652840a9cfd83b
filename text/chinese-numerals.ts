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
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };
const CHINESE_DIGITS = '零一二三四五六七八九';

/** Parses a Chinese or Arabic numeral ("三十三", "一百零七", "33") into a number; undefined if it is not one. */
export function parseChineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(text)) return undefined;
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const character of text) {
    if (character in DIGITS) {
      digit = DIGITS[character]!;
      continue;
    }
    const unit = UNITS[character]!;
    if (unit === 10000) {
      total += (section + digit) * unit;
      section = 0;
    } else {
      section += (digit === 0 && unit === 10 ? 1 : digit) * unit;
    }
    digit = 0;
  }
  return total + section + digit;
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
