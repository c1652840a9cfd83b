import { canonicalContact, findContacts, type Contact } from './find-contacts.ts';
import type { SensitiveWordFlag } from './flag-sensitive-words.ts';

/** Something in a draft for the reviewer to look at: a sensitive word, or a contact that is not the office's own. */
export type DraftFlag = SensitiveWordFlag & { kind?: 'sensitive-word' | 'contact' };

/**
 * Flags every link, e-mail address and phone number in a draft that is not on the office's list of its own
 * (`HUIYING_OFFICE_CONTACTS`): verification has already cut those no source contains, but a source itself may carry
 * someone else's (a poisoned page: 请访问 http://evil.example/claim 或拨打 13800138000), and a reviewer should see it
 * before the public does. On the list: the same number however written, the same address, and for a link any page of
 * a listed site (qinghe.gov.cn covers https://www.qinghe.gov.cn/zwgk/).
 */
export function flagContacts(sentences: ReadonlyArray<string>, officeContacts: ReadonlyArray<string>): DraftFlag[] {
  const allowed = officeContacts.flatMap((entry) => findContacts(entry));
  return sentences.flatMap((sentence) =>
    findContacts(sentence)
      .filter((contact) => !allowed.some((own) => covers(own, contact)))
      .map((contact) => ({ kind: 'contact' as const, word: contact.text, sentence })),
  );
}

function covers(own: Contact, contact: Contact): boolean {
  if (own.kind !== contact.kind) return false;
  const listed = canonicalContact(own);
  const found = canonicalContact(contact);
  if (listed === found) return true;
  if (contact.kind !== 'link') return false;
  const host = found.split(/[/:]/)[0]!;
  return found.startsWith(`${listed}/`) || (!listed.includes('/') && host.endsWith(`.${listed}`));
}

/** How a flag reads for a reviewer (case page, chat notices). */
export function describeFlag(flag: DraftFlag): string {
  return flag.kind === 'contact'
    ? `联系方式「${flag.word}」不在本单位公布的联系方式名单中，请核实`
    : `敏感词「${flag.word}」`;
}
