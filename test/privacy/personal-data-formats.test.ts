import { describe, expect, it } from 'vitest';
import { redactPersonalData } from '../../privacy/redact-personal-data.ts';

// Real-world ways people write personal data (numbers made up to pass the checksums; none belongs to anyone).
const REDACTED: Array<[string, string, string]> = [
  [
    'letters right before the digits',
    'ID110105199003071239 Tel13912345678 card6222021234567890128',
    'ID[身份证号已隐去] Tel[手机号已隐去] card[银行卡号已隐去]',
  ],
  ['an ID in groups', '身份证 110105 19900307 1239', '身份证 [身份证号已隐去]'],
  ['an ID with hyphens', '身份证号110105-19900307-1239。', '身份证号[身份证号已隐去]。'],
  ['a full-width ID', '身份证号１１０１０５１９９００３０７１２３９', '身份证号[身份证号已隐去]'],
  ['a 15-digit (first-generation) ID', '老身份证号110105900307123', '老身份证号[身份证号已隐去]'],
  ['a full-width mobile', '电话：１３９１２３４５６７８', '电话：[手机号已隐去]'],
  ['a mobile with dots', '手机139.1234.5678', '手机[手机号已隐去]'],
  ['a mobile with spaces', '手机 139 1234 5678 谢谢', '手机 [手机号已隐去] 谢谢'],
  ['a mobile with +86 in brackets', '(+86)13912345678', '[手机号已隐去]'],
  ['a mobile with 0086', '0086-139-1234-5678', '[手机号已隐去]'],
  ['a full-width hyphenated mobile', '１３９－１２３４－５６７８', '[手机号已隐去]'],
  ['a landline in groups', '座机0730 518 0118', '座机[电话已隐去]'],
  ['a landline with an extension', '电话010-12345678转123', '电话[电话已隐去]'],
  ['a full-width e-mail', '邮箱ｚｈａｎｇｓａｎ＠ｅｘａｍｐｌｅ．ｃｏｍ', '邮箱[邮箱已隐去]'],
  ['a bank card in groups', '卡号6222 0212 3456 7890 128', '卡号[银行卡号已隐去]'],
  ['a flat in a housing estate', '我住阳光花园小区5栋2单元501室，', '我住[地址已隐去]，'],
  ['a flat written 3-2-1101', '住在锦绣家园3-2-1101', '住在[地址已隐去]'],
  ['a street number and the flat after it, as one address', '住幸福路88号阳光花园5栋2单元501室', '住[地址已隐去]'],
  ['a building, unit and room without an estate', '家在12号楼3单元402', '家在[地址已隐去]'],
];

// Numbers that are not personal data and must stay as they are.
const KEPT: Array<[string, string]> = [
  ['dates', '2024年3月1日、20240301、2024-03-01、2024.03.01起施行'],
  ['document numbers (文号)', '依据国办发〔2016〕61号和青政发〔2024〕3号'],
  ['article numbers', '第三十三条、第1165条、第33条第2款'],
  ['amounts', '补贴5000元，总额1,200万元，即12000000元，合计1234567.89元'],
  ['index numbers and deadlines', '索引号000014349/2018-00204，20个工作日内答复，拨打12345热线'],
  ['an office building', '请到市民中心3号楼办理'],
  ['an 18-digit number with a wrong check character', '编号110105194912310021'],
  ['a 15-digit number that holds no birth date', '流水号123456789012345'],
  ['a 16-digit number that fails Luhn', '订单号1234567890123456'],
  ['an 11-digit number that is not a mobile', '编码12345678901'],
];

describe('personal data in the formats people write it', () => {
  it.each(REDACTED)('redacts %s', (_, input, expected) => {
    expect(redactPersonalData(input).text).toBe(expected);
  });

  it.each(KEPT)('keeps %s', (_, input) => {
    expect(redactPersonalData(input)).toEqual({ text: input, findings: [] });
  });

  it('keeps an office hotline that stands in the published sources, however it is spaced or written', () => {
    const publishedText = '咨询电话：0730-5180118，地址：青禾市人民路1号。';
    expect(
      redactPersonalData('请拨打0730 5180118或０７３０－５１８０１１８，我的电话13912345678', { publishedText }).text,
    ).toBe('请拨打0730 5180118或０７３０－５１８０１１８，我的电话[手机号已隐去]');
  });
});
