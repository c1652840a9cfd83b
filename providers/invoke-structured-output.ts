import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { z } from 'zod';
import type { StructuredOutputMethod } from '../config/load-config.ts';

/**
 * Asks a LangChain chat model for output of a schema with `withStructuredOutput` (function calling, JSON mode or JSON
 * schema) and checks the result against the schema again: LangChain's base implementation returns a tool call's
 * arguments unchecked, and model output is an edge where zod belongs.
 */
export async function invokeStructuredOutput<Output extends Record<string, unknown>>(options: {
  chatModel: BaseChatModel;
  schema: z.ZodType<Output>;
  /** The tool's or schema's name the model sees. */
  name: string;
  method: StructuredOutputMethod;
  system: string;
  user: string;
}): Promise<Output> {
  const structured = options.chatModel.withStructuredOutput(options.schema, {
    name: options.name,
    method: options.method,
  });
  const output = await structured.invoke([
    { role: 'system', content: options.system },
    { role: 'user', content: options.user },
  ]);
  // A model that answers in prose instead of calling the tool leaves LangChain's parser with nothing.
  if (output === undefined || output === null) throw new Error(`the model returned no ${options.name}`);
  return options.schema.parse(output);
}
