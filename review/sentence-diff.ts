import { splitCitedSentences } from './parse-cited-text.ts';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

// Sentences, with the [n] numbers that follow them, are the unit a reviewer reads and approves, so the diff is taken
// sentence by sentence, split the same way the edit is read back.
const units = splitCitedSentences;

/** What changed from `before` to `after`, sentence by sentence (longest common subsequence). */
export function sentenceDiff(before: string, after: string): DiffPart[] {
  const a = units(before);
  const b = units(after);
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1)
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      parts.push({ kind: 'same', text: a[i]! });
      i += 1;
      j += 1;
    } else if (j < b.length && (i === a.length || lengths[i]![j + 1]! >= lengths[i + 1]![j]!)) {
      parts.push({ kind: 'added', text: b[j]! });
      j += 1;
    } else {
      parts.push({ kind: 'removed', text: a[i]! });
      i += 1;
    }
  }
  return parts;
}
