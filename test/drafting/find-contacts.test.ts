import { describe, expect, it } from 'vitest';
import { findContacts } from '../../drafting/find-contacts.ts';

const FOUND: Array<[string, string, Array<[string, string]>]> = [
  [
    'a link with a scheme and a phone',
    '请访问 http://evil.example/claim 或拨打 13800138000。',
    [
      ['link', 'http://evil.example/claim'],
      ['phone', '13800138000'],
    ],
  ],
  ['a link without a scheme', '详见evil.example/claim。', [['link', 'evil.example/claim']]],
  ['a site with www', '登录www.qinghe.gov.cn办理', [['link', 'www.qinghe.gov.cn']]],
  [
    'a full-width URL',
    '见ｈｔｔｐ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ／ｃｌａｉｍ',
    [['link', 'ｈｔｔｐ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ／ｃｌａｉｍ']],
  ],
  ['a full-width phone', '拨打１３８００１３８０００', [['phone', '１３８００１３８０００']]],
  [
    'a landline in brackets and a spaced mobile',
    '电话（0730）5180118 或 +86 139 1234 5678',
    [
      ['phone', '（0730）5180118'],
      ['phone', '+86 139 1234 5678'],
    ],
  ],
  ['an e-mail address', '邮箱 gkb@qinghe.gov.cn', [['email', 'gkb@qinghe.gov.cn']]],
];

const NOT_CONTACTS = [
  '索引号000014349/2018-00204',
  '总额12000000元，合计1234567.89元，人口14000000人',
  '自20240301起施行，自2024-03-01起施行',
  '2021-2025年规划，2021-2025规划',
  '第1165条，国办发〔2016〕61号，拨打12345热线',
];

describe('finding contacts in a sentence', () => {
  it.each(FOUND)('finds %s', (_, text, expected) => {
    expect(findContacts(text).map((contact) => [contact.kind, contact.text])).toEqual(expected);
  });

  it.each(NOT_CONTACTS)('finds none in %s', (text) => {
    expect(findContacts(text)).toEqual([]);
  });
});
