import { describe, expect, it } from 'vitest';
import { shortenRedactedText } from '../../privacy/shorten-redacted-text.ts';

describe('shortening a redacted text for a list', () => {
  it('keeps a placeholder whole where the cut would fall inside it', () => {
    const text = '我的电话是[手机号已隐去]，请尽快回复我关于补贴的问题';
    // A plain cut at 8 characters would leave "我的电话是[手机".
    expect(shortenRedactedText(text, 8)).toBe('我的电话是[手机号已隐去]…');
    expect(shortenRedactedText(text, 13)).toBe('我的电话是[手机号已隐去]…');
  });

  it('cuts plain text at the limit, on one line, and leaves short text as it is', () => {
    expect(shortenRedactedText('第一行\n第二行  第三行', 6)).toBe('第一行 第二…');
    expect(shortenRedactedText('短问题', 30)).toBe('短问题');
  });
});
