import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HuiyingError } from '../config/huiying-error.ts';

const goldSchema = z.object({
  doc: z.string(),
  article: z.string().nullable().optional(),
  quote: z.string().default(''),
  alt_docs: z.array(z.string()).optional(),
});

const itemSchema = z.object({
  id: z.string(),
  question: z.string().min(1),
  gold: z.array(goldSchema),
  source: z.string().optional(),
  /** A written answer, when the set has one (used as the approved text when the set serves as history). */
  reference_answer: z.string().nullable().optional(),
});

export type EvalItem = z.infer<typeof itemSchema>;
export type GoldReference = z.infer<typeof goldSchema>;

/** Reads a question set: one JSON object per line with id, question and gold references into the corpus. */
export function loadEvalSet(path: string): EvalItem[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new HuiyingError({
      code: 'eval-set-invalid',
      message: `Cannot read the question set ${path}. Pass an existing JSONL file with --set.`,
      cause: error,
    });
  }
  return text
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, index }) => {
      const json = parseJsonLine(line);
      if (json === undefined) {
        throw new HuiyingError({
          code: 'eval-set-invalid',
          message: `${path} line ${index + 1} is not valid JSON. Each line must be one JSON object.`,
        });
      }
      const parsed = itemSchema.safeParse(json);
      if (!parsed.success) {
        throw new HuiyingError({
          code: 'eval-set-invalid',
          message: `${path} line ${index + 1} is not a valid item (${parsed.error.issues[0]?.message}). Each line needs id, question and gold.`,
        });
      }
      return parsed.data;
    });
}

/** The group an item is reported under: the prefix of its id ("stard-741" → "stard"). */
export function itemGroup(item: EvalItem): string {
  return item.id.includes('-') ? item.id.slice(0, item.id.indexOf('-')) : 'all';
}

// Sets exported by Python's json module may hold bare NaN (e.g. a missing reference answer); read it as null.
function parseJsonLine(line: string): unknown {
  for (const candidate of [line, line.replace(/:\s*(NaN|-?Infinity)\b/g, ': null')]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // Try the tolerant reading next.
    }
  }
  return undefined;
}
