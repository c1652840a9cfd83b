import { z } from 'zod';

const LONGEST = 300;

/**
 * A failed model call in one line, for the escalation reason a reviewer reads: schema errors in words, whitespace
 * collapsed and the model's echoed output cut short (LangChain's parser errors quote the whole answer).
 */
export function describeModelFailure(error: unknown): string {
  const message =
    error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > LONGEST ? `${line.slice(0, LONGEST)}…` : line;
}
