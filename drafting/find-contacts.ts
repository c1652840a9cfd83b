import { normaliseWidth } from '../text/normalise-width.ts';

/** A link, e-mail address or phone number in a text, with its span in the original. */
export type Contact = { kind: 'link' | 'email' | 'phone'; text: string; start: number; end: number };

// Where a link or address stops: white space, Chinese text and punctuation, quotes and brackets.
const LINK_TAIL = `[^,;\\s\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef"'<>()（）【】《》]*`;
const PATTERNS: Array<{ kind: Contact['kind']; pattern: RegExp }> = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  { kind: 'link', pattern: new RegExp(`(?:https?|ftp)://${LINK_TAIL}`, 'gi') },
  // Any domain-like token is a link, with or without a scheme or www: evil.example/claim, qinghe.gov.cn.
  {
    kind: 'link',
    pattern: new RegExp(
      `(?<![A-Za-z0-9@.\\-/])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![A-Za-z0-9])(?::\\d{1,5})?(?:/${LINK_TAIL})?`,
      'g',
    ),
  },
  // Any run of digits as long as a phone number (7 to 15, spaced or hyphenated, +86 or not) is a phone, unless it
  // counts or measures something (12000000元), is a decimal, part of an index number (000014349/2018-00204), or a date.
  {
    kind: 'phone',
    pattern:
      /(?<![\d./])(?:(?:\+|00)86[ -]?|[(（](?:\+|00)?86[)）][ -]?)?(?:[(（]\d{3,4}[)）][ -]?)?\d(?:[ -]?\d){6,14}(?![\d./]|[ -]\d|[年月日号元万亿%条款项个人次倍天岁])/g,
  },
];
// Digit runs that are dates (20240301, 2024-03-01, 2024 3 1) or spans of years (2021-2025), not numbers to call.
const DATE = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$|^(?:19|20)\d{2}[ -]\d{1,2}[ -]\d{1,2}$/;
const YEARS = /^(?:19|20)\d{2}-(?:19|20)\d{2}$/;

/** Finds links (any domain-like token), e-mail addresses and phone-length digit runs, full-width forms included. */
export function findContacts(text: string): Contact[] {
  const folded = normaliseWidth(text);
  const found: Contact[] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      const value = match[0].replace(/[.,;:!?]+$/, '');
      const start = match.index!;
      const end = start + value.length;
      if (found.some((contact) => start < contact.end && end > contact.start)) continue;
      if (kind === 'phone' && (DATE.test(value) || YEARS.test(value))) continue;
      found.push({ kind, text: text.slice(start, end), start, end });
    }
  }
  return found.sort((left, right) => left.start - right.start);
}

/**
 * One way of writing a contact, for comparing: width folded, lower case; links without scheme, www. or a trailing
 * slash; phones as their digits without +86. `0730-518 0118` and `07305180118` are the same number.
 */
export function canonicalContact(contact: Pick<Contact, 'kind' | 'text'>): string {
  const folded = normaliseWidth(contact.text).toLowerCase();
  if (contact.kind === 'phone') return folded.replace(/^(?:\+|00)86|^[(（](?:\+|00)?86[)）]/, '').replace(/\D/g, '');
  if (contact.kind === 'email') return folded;
  return folded
    .replace(/^(?:https?|ftp):\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

/**
 * Whether a contact stands among `others`: the same number or address, or for a link the same page or a page under
 * it (qinghe.gov.cn stands in a source that prints http://www.qinghe.gov.cn/zwgk/; qinghe.gov.cn/evil does not).
 */
export function contactAmong(contact: Pick<Contact, 'kind' | 'text'>, others: ReadonlyArray<Contact>): boolean {
  const wanted = canonicalContact(contact);
  return others.some((other) => {
    if (other.kind !== contact.kind) return false;
    const candidate = canonicalContact(other);
    return candidate === wanted || (contact.kind === 'link' && candidate.startsWith(`${wanted}/`));
  });
}
