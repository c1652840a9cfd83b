import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HuiyingError } from '../config/huiying-error.ts';
import { packagePath } from '../config/package-root.ts';

/** The table huiying ships: topics of citizens' questions, the department in charge and what to do next. */
export const DEFAULT_GUIDANCE_FILE = packagePath('drafting', 'guidance-defaults.json');

const entrySchema = z.object({
  topic: z.string().min(1),
  words: z.array(z.string().min(1)).min(1),
  /** Who is in charge (谁主管谁负责): suggested to the reviewer when a question cannot be answered from the sources. */
  department: z.string().min(1),
  /** 办理指引: what the citizen can do next, in the office's words. Not a source: shown as configured guidance. */
  guidance: z.string().min(1),
});
const tableSchema = z.array(entrySchema).min(1);

export type GuidanceEntry = z.infer<typeof entrySchema>;
export type GuidanceTable = ReadonlyArray<GuidanceEntry>;

/** Said when no topic of the table fits the question. */
export const GENERAL_GUIDANCE = '如需进一步咨询，可以拨打12345政务服务便民热线。';

/** Reads a guidance table (JSON: [{topic, words, department, guidance}]); a bad file is an error saying what to fix. */
export function loadGuidanceTable(path: string = DEFAULT_GUIDANCE_FILE): GuidanceTable {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new HuiyingError({
      code: 'config-invalid',
      message: `Cannot read the guidance table ${path} (${(error as Error).message}). Set HUIYING_GUIDANCE_FILE to a JSON file like drafting/guidance-defaults.json, or unset it.`,
      cause: error,
    });
  }
  const parsed = tableSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HuiyingError({
      code: 'config-invalid',
      message: `The guidance table ${path} is invalid at ${issue.path.join('.') || 'the top'}: ${issue.message}. Each entry needs topic, words (a list), department and guidance.`,
    });
  }
  return Object.freeze(parsed.data);
}

/**
 * The topic of a question: the entry whose words it contains, longer (more specific) words counting more; the first
 * of equals wins. Undefined when no word of the table appears.
 */
export function routeQuestion(question: string, table: GuidanceTable): GuidanceEntry | undefined {
  let best: { entry: GuidanceEntry; score: number } | undefined;
  for (const entry of table) {
    const score = entry.words.reduce((sum, word) => sum + (question.includes(word) ? word.length : 0), 0);
    if (score > 0 && score > (best?.score ?? 0)) best = { entry, score };
  }
  return best?.entry;
}
