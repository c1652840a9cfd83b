import type { DocumentMetadataHints } from '../document-metadata.ts';
import { parseChineseDate } from './parse-chinese-date.ts';

const ISSUERS =
  /(全国人民代表大会常务委员会|全国人民代表大会|国务院|最高人民法院|最高人民检察院|[\p{Script=Han}]{2,16}?(?:省|市|自治区|自治州|县)人民代表大会(?:常务委员会)?|[\p{Script=Han}]{2,16}?人民政府)/u;

/**
 * Reads a statute's promulgation header ("2019年4月3日 中华人民共和国国务院令第711号修订", "2019年5月15日 施行"):
 * the latest adoption or revision date, the effective date, the order number (令号) and the issuing body.
 */
export function readLawHeader(header: string): DocumentMetadataHints {
  const hints: DocumentMetadataHints = {};
  let latest: string | undefined;
  for (const line of header
    .split('\n')
    .map((text) => text.trim())
    .filter(Boolean)) {
    const date = parseChineseDate(line);
    if (!date) continue;
    if (/施行\s*$/.test(line)) {
      hints.effectiveDate = date;
      continue;
    }
    // Lines citing a 修正案 adopted later describe amendments to this text; they still date the current wording.
    if (!latest || date > latest) latest = date;
    const order = /((?:[\p{Script=Han}]{0,20}?)令第[零〇一二三四五六七八九十百千\d]+号)/u.exec(line);
    if (order) hints.documentNumber = order[1]!.replace(/^中华人民共和国/, '');
    const issuer = ISSUERS.exec(line.replace(/^.*?日\s*/, '').replace(/第[一二三四五六七八九十]+届/, ''));
    if (issuer) hints.issuer = issuer[1];
  }
  if (latest) hints.publishedDate = latest;
  return hints;
}
