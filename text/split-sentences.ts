const ARTICLE_LABEL = /^第[零〇一二两三四五六七八九十百千\d]+条(之[一二三四五六七八九十]+)?\s*/;
const OUTLINE_MARKER = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d))\s*/;

/**
 * Splits Chinese text into the statements a draft may quote: sentences closed by 。！； (questions, headings and
 * signature lines are not statements), without a leading article label (第九条) or outline marker (一、 （二）).
 */
export function splitSentences(text: string): string[] {
  return text
    .replace(ARTICLE_LABEL, '')
    .split(/(?<=[。！；!;])|\n+/)
    .map((sentence) => sentence.trim().replace(OUTLINE_MARKER, ''))
    .filter((sentence) => /[。！；!;]$/.test(sentence) && sentence.replace(/[\s\p{P}]/gu, '').length >= 6);
}
