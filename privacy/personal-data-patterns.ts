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

// Digits on either side would make these part of a longer number, so the patterns refuse them.
const NOT_DIGIT_BEFORE = '(?<![0-9A-Za-z])';
const NOT_DIGIT_AFTER = '(?![0-9A-Za-z])';
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

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
    pattern: new RegExp(`${NOT_DIGIT_BEFORE}\\d{17}[\\dXx]${NOT_DIGIT_AFTER}`, 'g'),
    valid: isResidentId,
  },
  {
    kind: 'bank-card',
    pattern: new RegExp(`${NOT_DIGIT_BEFORE}\\d{4}(?:[ -]?\\d{4}){3}(?:[ -]?\\d{1,3})?${NOT_DIGIT_AFTER}`, 'g'),
    valid: (match) => passesLuhn(match.replace(/\D/g, '')),
  },
  {
    kind: 'mobile',
    pattern: new RegExp(`${NOT_DIGIT_BEFORE}(?:\\+?86[ -]?)?1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}${NOT_DIGIT_AFTER}`, 'g'),
  },
  {
    kind: 'landline',
    pattern: new RegExp(
      `${NOT_DIGIT_BEFORE}(?:[（(]0\\d{2,3}[)）]|0\\d{2,3}[ -]?)\\d{7,8}(?:[-转]\\d{1,5})?${NOT_DIGIT_AFTER}`,
      'g',
    ),
  },
  {
    kind: 'licence-plate',
    pattern: new RegExp(`[${PROVINCES}][A-HJ-NP-Z][·•]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警]${NOT_DIGIT_AFTER}`, 'g'),
  },
  {
    kind: 'address',
    pattern:
      /[\p{Script=Han}]{2,12}(?:大道|路|街|巷|胡同|弄|道)\d+号(?:院)?(?:\d+(?:号楼|栋|幢))?(?:\d+单元)?(?:\d+(?:室|号))?/gu,
    // The run of Chinese before a street name may start with words that are not part of the address (住在, 或到).
    leadingWords: /^(?:家住|住在|住址|地址|现住|位于|或到|或者到|可到|请到|来到|住|在|到|于|址)+/,
  },
];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-digit resident identity number with a plausible birth date and a correct GB 11643 check character. */
export function isResidentId(candidate: string): boolean {
  const id = candidate.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(id[index]), 0);
  return ID_CHECK[sum % 11] === id[17];
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
