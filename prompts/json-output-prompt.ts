import { z } from 'zod';
import { loadPrompt } from './load-prompt.ts';

/**
 * The instructions appended to a system prompt when a model is asked for JSON mode: JSON mode guarantees JSON but
 * tells the model nothing of the fields, so the schema goes into the prompt (prompts/json-output.md).
 */
export function jsonOutputPrompt(schema: z.ZodType): string {
  return loadPrompt('json-output', { schema: JSON.stringify(z.toJSONSchema(schema)) });
}
