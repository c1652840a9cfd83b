import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packagePath } from '../config/package-root.ts';

const PROMPTS_DIRECTORY = packagePath('prompts');

/** The prompt files, one per task. */
export type PromptName = 'citizen-reply' | 'spokesperson-statement' | 'staff-answer' | 'opinion-triage' | 'json-output';

/** Loads prompts/<name>.md and fills its {{variables}}; a variable without a value, or a value without a place, is an error. */
export function loadPrompt(name: PromptName, variables: Record<string, string>): string {
  const template = readFileSync(join(PROMPTS_DIRECTORY, `${name}.md`), 'utf8');
  const placeholders = new Set([...template.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!));
  const missing = [...placeholders].filter((placeholder) => variables[placeholder] === undefined);
  const unused = Object.keys(variables).filter((key) => !placeholders.has(key));
  if (missing.length > 0 || unused.length > 0) {
    throw new Error(
      `Prompt ${name}.md: ${missing.length > 0 ? `no value for {{${missing.join('}}, {{')}}}` : ''}${missing.length > 0 && unused.length > 0 ? '; ' : ''}${unused.length > 0 ? `no placeholder for ${unused.join(', ')}` : ''}.`,
    );
  }
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => variables[key]!);
}
