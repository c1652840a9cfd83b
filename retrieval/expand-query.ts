import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { segment, segmentWords } from '../text/segmenter.ts';
import { packagePath } from '../config/package-root.ts';

const EXPANSIONS_FILE = packagePath('retrieval', 'dictionary', 'colloquial-to-legal.txt');
/** Expansion terms count for less than the words the person actually used. */
export const EXPANSION_WEIGHT = 0.5;

type Expansion = { triggers: string[]; terms: string[] };
let expansions: Expansion[] | undefined;

function loadExpansions(): Expansion[] {
  expansions ??= readFileSync(EXPANSIONS_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.includes('=>') && !line.startsWith('#'))
    .map((line) => {
      const [left, right] = line.split('=>');
      const list = (side: string | undefined) =>
        (side ?? '')
          .split(/[,，]/)
          .map((word) => word.trim())
          .filter(Boolean);
      return { triggers: list(left), terms: list(right) };
    });
  return expansions;
}

export type QueryTerm = { term: string; weight: number };

/**
 * The query's own terms (weight 1) plus legal terms for colloquial wording (weight 0.5), without duplicates, and the
 * pairs of words written side by side (for phrase matching).
 */
export function expandQuery(question: string): {
  terms: QueryTerm[];
  pairs: Array<[string, string]>;
  expansionText: string;
} {
  const weights = new Map<string, number>();
  for (const term of segment(question)) weights.set(term, 1);
  const added: string[] = [];
  for (const expansion of loadExpansions()) {
    if (!expansion.triggers.some((trigger) => question.includes(trigger))) continue;
    for (const legal of expansion.terms) {
      added.push(legal);
      for (const term of segment(legal)) if (!weights.has(term)) weights.set(term, EXPANSION_WEIGHT);
    }
  }
  const words = segmentWords(question);
  const pairs = words
    .slice(1)
    .map((word, index): [string, string] => [words[index]!, word])
    .filter(([first, second]) => first !== second);
  return { terms: [...weights].map(([term, weight]) => ({ term, weight })), pairs, expansionText: added.join(' ') };
}
