/**
 * Normalises extracted text so offsets are stable: Unix line ends, no NBSP or zero-width characters,
 * trimmed lines, at most one blank line in a row. Chunk offsets point into this text.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2002\u2003\u2009\u3000]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const STRUCTURE_START =
  /^(第[零〇一二两三四五六七八九十百千\d]+[编章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|附件|附表)/;
const SENTENCE_END = /[。！？；：:;!?」』”）)]$/;

/**
 * Joins lines that a PDF broke inside a sentence (Chinese carries no space across the break): a long line without
 * closing punctuation continues on the next, unless the next starts a heading, article or list item.
 */
export function joinBrokenLines(text: string, options: { minimumLineLength?: number } = {}): string {
  const minimum = options.minimumLineLength ?? 15;
  const lines = text.split('\n');
  const output: string[] = [];
  for (const line of lines) {
    const previous = output[output.length - 1];
    const continues =
      previous !== undefined &&
      previous.length >= minimum &&
      !SENTENCE_END.test(previous) &&
      line !== '' &&
      !STRUCTURE_START.test(line);
    if (continues) output[output.length - 1] = previous + line;
    else output.push(line);
  }
  return output.join('\n');
}
