/** Kinds of personal data huiying recognises in Chinese text. */
export type PersonalDataKind =
  'resident-id' | 'mobile' | 'landline' | 'email' | 'bank-card' | 'licence-plate' | 'address';

export const REPLACEMENTS: Record<PersonalDataKind, string> = {
  'resident-id': '[身份证号已隐去]',
  mobile: '[手机号已隐去]',
  landline: '[电话已隐去]',
  email: '[邮箱已隐去]',
  'bank-card': '[银行卡号已隐去]',
  'licence-plate': '[车牌号已隐去]',
  address: '[地址已隐去]',
};

// Patterns run on width-folded text (text/normalise-width.ts), so full-width digits match too. A digit on either
// side would make a match part of a longer number; a letter may stand right before it (ID110105…, Tel139…, card62…).
const NOT_DIGIT_BEFORE = '(?<!\\d)';
const NOT_DIGIT_AFTER = '(?!\\d)';
/** Between digit groups people write spaces, hyphens, dots or middle dots (139.1234.5678, 110105 19900307 1239). */
const SEPARATOR = '[ \\-.·•]?';
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** Housing estates and buildings: 阳光花园小区, 锦绣家园, 滨江公寓, 世纪大厦. */
const ESTATE = '[\\p{Script=Han}]{1,12}?(?:小区|花园|家园|公寓|新村|社区|大厦|公馆|广场|苑|庭|府|园|村|城|湾|里)';
const BUILDING_UNIT_ROOM = '\\d+(?:号楼|栋|幢|座)(?:\\d+单元)?(?:\\d+(?:室|号|户)?)?';
/** 3-2-1101 (building, unit, room) is a flat only after an estate or street number: alone it could be a date. */
const FLAT_NUMBER = '\\d+-\\d+-\\d+(?:室|号)?';
// The run of Chinese before an address may start with words that are not part of it (我住在, 或到): the address
// starts after the first of them.
const LEADING_WORDS =
  /^[\p{Script=Han}]*?(?:家住|住在|住址|地址|现住|位于|或到|或者到|可到|请到|来到|住|在|到|于|址|是)+/u;

/** Candidate patterns in the order they are applied; `valid` rejects look-alikes (checksums, dates). */
export const PATTERNS: Array<{
  kind: PersonalDataKind;
  pattern: RegExp;
  valid?: (match: string) => boolean;
  leadingWords?: RegExp;
}> = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  {
    kind: 'resident-id',
    pattern: new RegExp(`${NOT_DIGIT_BEFORE}\\d{6}${SEPARATOR}\\d{8}${SEPARATOR}\\d{3}[\\dXx]${NOT_DIGIT_AFTER}`, 'g'),
    valid: (match) => isResidentId(digitsOf(match)),
  },
  {
    kind: 'resident-id',
    pattern: new RegExp(`${NOT_DIGIT_BEFORE}\\d{6}${SEPARATOR}\\d{6}${SEPARATOR}\\d{3}${NOT_DIGIT_AFTER}`, 'g'),
    valid: (match) => isFirstGenerationResidentId(digitsOf(match)),
  },
  {
    kind: 'bank-card',
    pattern: new RegExp(
      `${NOT_DIGIT_BEFORE}\\d{4}(?:${SEPARATOR}\\d{4}){3}(?:${SEPARATOR}\\d{1,3})?${NOT_DIGIT_AFTER}`,
      'g',
    ),
    valid: (match) => passesLuhn(digitsOf(match)),
  },
  {
    kind: 'mobile',
    pattern: new RegExp(
      `${NOT_DIGIT_BEFORE}(?:(?:\\+|00)?86${SEPARATOR}|[(（](?:\\+|00)?86[)）]${SEPARATOR})?1[3-9]\\d${SEPARATOR}\\d{4}${SEPARATOR}\\d{4}${NOT_DIGIT_AFTER}`,
      'g',
    ),
  },
  {
    kind: 'landline',
    pattern: new RegExp(
      `${NOT_DIGIT_BEFORE}(?:[（(]0\\d{2,3}[)）]${SEPARATOR}|0\\d{2,3}${SEPARATOR})(?:\\d{7,8}|\\d{3,4}${SEPARATOR}\\d{4})(?:(?:-|转)\\d{1,5})?${NOT_DIGIT_AFTER}`,
      'g',
    ),
  },
  {
    kind: 'licence-plate',
    pattern: new RegExp(`[${PROVINCES}][A-HJ-NP-Z][·•]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警](?![0-9A-Za-z])`, 'g'),
  },
  {
    kind: 'address',
    pattern: new RegExp(
      `[\\p{Script=Han}]{2,12}(?:大道|路|街|巷|胡同|弄|道)\\d+号(?:院)?(?:${ESTATE})?(?:${BUILDING_UNIT_ROOM}|${FLAT_NUMBER})?`,
      'gu',
    ),
    leadingWords: LEADING_WORDS,
  },
  {
    // A home in a housing estate: 阳光花园小区5栋2单元501室, 锦绣家园3-2-1101. A building alone (市民中心3号楼) is not a home.
    kind: 'address',
    pattern: new RegExp(`(?:${ESTATE})?(?:${BUILDING_UNIT_ROOM})|${ESTATE}${FLAT_NUMBER}`, 'gu'),
    valid: (match) => /单元|室|户|\d-\d+-\d/.test(match),
    leadingWords: LEADING_WORDS,
  },
];

function digitsOf(match: string): string {
  return match.replace(/[^\dXx]/g, '').toUpperCase();
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
// The first two digits of a resident ID name a province-level region (GB/T 2260).
const REGION = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-2])/;

/** An 18-digit resident identity number with a plausible birth date and a correct GB 11643 check character. */
export function isResidentId(candidate: string): boolean {
  const id = candidate.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!isBirthDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(id[index]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** A 15-digit resident identity number (issued until 2004): a region, a birth date in 19YYMMDD without the 19, three digits. */
export function isFirstGenerationResidentId(candidate: string): boolean {
  if (!/^\d{15}$/.test(candidate) || !REGION.test(candidate)) return false;
  return isBirthDate(
    1900 + Number(candidate.slice(6, 8)),
    Number(candidate.slice(8, 10)),
    Number(candidate.slice(10, 12)),
  );
}

function isBirthDate(year: number, month: number, day: number): boolean {
  const birth = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
}

/** The Luhn checksum every UnionPay, Visa and Mastercard number carries. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d{16,19}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
