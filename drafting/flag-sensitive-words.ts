import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HuiyingError } from '../config/huiying-error.ts';
import { packagePath } from '../config/package-root.ts';

const DEFAULT_LIST = packagePath('drafting', 'sensitive-words.txt');

export type SensitiveWordFlag = { word: string; sentence: string };

/** Reads a sensitive-word list (one word per line, # comments); the built-in list when no path is given. */
export function loadSensitiveWords(path: string = DEFAULT_LIST): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new HuiyingError({
      code: 'config-invalid',
      message: `Cannot read the sensitive-word list ${path}. Fix HUIYING_SENSITIVE_WORDS_FILE or unset it to use the built-in list.`,
      cause: error,
    });
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Finds each sensitive word in each sentence, for the reviewer to look at; the text itself is left as it is. */
export function flagSensitiveWords(
  sentences: ReadonlyArray<string>,
  words: ReadonlyArray<string>,
): SensitiveWordFlag[] {
  return sentences.flatMap((sentence) =>
    words.filter((word) => sentence.includes(word)).map((word) => ({ word, sentence })),
  );
}
