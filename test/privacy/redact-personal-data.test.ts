import { describe, expect, it } from 'vitest';
import { isResidentId, passesLuhn } from '../../privacy/personal-data-patterns.ts';
import { redactPersonalData } from '../../privacy/redact-personal-data.ts';

// Test numbers built to pass (or fail) the checksums; none belongs to a real person.
const VALID_ID = '11010519491231002X';
const INVALID_ID = '110105194912310021';
const VALID_CARD = '6222 0212 3456 7890 128';

describe('redacting personal data', () => {
  it('recognises resident ID numbers only with a valid birth date and check character', () => {
    expect(isResidentId(VALID_ID)).toBe(true);
    expect(isResidentId(INVALID_ID)).toBe(false);
    expect(isResidentId('110105194913310023')).toBe(false);
    expect(redactPersonalData(`身份证号${VALID_ID}，另一个号码${INVALID_ID}`).text).toBe(
      `身份证号[身份证号已隐去]，另一个号码${INVALID_ID}`,
    );
  });

  it('removes every kind and says what was removed', () => {
    const message = `我叫张三，电话13812345678，座机(0730)5180118，邮箱zhangsan@example.com，卡号${VALID_CARD}，车牌湘F·12345，住青禾市人民路123号5栋2单元301室。`;
    const { text, findings } = redactPersonalData(message);
    expect(text).toBe(
      '我叫张三，电话[手机号已隐去]，座机[电话已隐去]，邮箱[邮箱已隐去]，卡号[银行卡号已隐去]，车牌[车牌号已隐去]，住[地址已隐去]。',
    );
    expect(findings.map((finding) => finding.kind)).toEqual([
      'mobile',
      'landline',
      'email',
      'bank-card',
      'licence-plate',
      'address',
    ]);
    expect(message.slice(findings[0]!.start, findings[0]!.end)).toBe('13812345678');
  });

  it('accepts mobile numbers written with +86 and separators', () => {
    expect(redactPersonalData('联系+86 138-1234-5678即可').text).toBe('联系[手机号已隐去]即可');
  });

  it('leaves numbers that are not personal data alone', () => {
    const text =
      '依据国办发〔2016〕61号，20个工作日内答复，拨打12345热线，索引号000014349/2018-00204，金额1234567.89元。';
    expect(redactPersonalData(text)).toEqual({ text, findings: [] });
    expect(passesLuhn('6222021234567890121')).toBe(false);
  });

  it('keeps contact details that appear in the published sources', () => {
    const published = '咨询电话：0730-5180118，地址：青禾市人民路1号。';
    expect(
      redactPersonalData('请拨打0730-5180118或到青禾市人民路1号咨询，我的电话13812345678。', {
        publishedText: published,
      }).text,
    ).toBe('请拨打0730-5180118或到青禾市人民路1号咨询，我的电话[手机号已隐去]。');
  });
});
