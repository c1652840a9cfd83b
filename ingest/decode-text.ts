import { HuiyingError } from '../config/huiying-error.ts';

const CHINESE_LEGACY = /^(gbk|gb2312|gb18030|x-gbk|cp936|euc-cn)$/i;

/** Declared charset of an HTML page (`<meta charset>` or http-equiv content type), if any. */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return match?.[1]?.toLowerCase();
}

/** True when the bytes look like a binary file rather than text (NUL bytes near the start). */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) controls += 1;
  }
  return sample.length > 0 && controls / sample.length > 0.1;
}

/**
 * Decodes text from UTF-8 (with or without BOM), UTF-16 (with BOM) or the GB family (GBK/GB2312/GB18030, still served by
 * many government sites). A declared charset is honoured; otherwise UTF-8 is tried strictly and GB18030 is the fallback.
 */
export function decodeText(
  bytes: Uint8Array,
  options: { declaredCharset?: string; source: string },
): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (looksBinary(bytes)) {
    throw new HuiyingError({
      code: 'source-undecodable',
      message: `${options.source} looks like a binary file, not text. Convert it to a supported format (.md, .txt, .html, .pdf, .docx) or remove it from the folder.`,
    });
  }
  const declared = options.declaredCharset && CHINESE_LEGACY.test(options.declaredCharset) ? 'gb18030' : undefined;
  const attempts = declared ? [declared, 'utf-8'] : ['utf-8', 'gb18030'];
  for (const encoding of attempts) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      return { text, encoding };
    } catch {
      // Try the next encoding.
    }
  }
  throw new HuiyingError({
    code: 'source-undecodable',
    message: `${options.source} is neither valid UTF-8 nor GBK/GB18030 text. Re-save it as UTF-8 and ingest it again.`,
  });
}
