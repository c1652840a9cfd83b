import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { HttpError, readBody } from '../http-io.ts';
import { ApiError } from './api-error.ts';

/**
 * An API request's JSON body, checked by its schema: 415 unless it is sent as JSON, 413 past the limit and 400 for
 * bytes that are not UTF-8 (said in the API's words, for the programs that call it, where readBody speaks to people
 * in Chinese), 400 for malformed JSON, and 422 naming each field the schema refuses.
 */
export async function readJsonRequest<Schema extends z.ZodType>(
  request: IncomingMessage,
  options: {
    limitBytes: number;
    schema: Schema;
    /** What to send, for the 415 message: "the inquiry", or an example body. */
    sendAs: string;
    /** The 422's code and the start of its message. */
    invalid: { code: string; message: string };
  },
): Promise<z.infer<Schema>> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
    throw new ApiError(
      415,
      'unsupported-media-type',
      `Send ${options.sendAs} as JSON with Content-Type: application/json.`,
    );
  const bodyErrors: Record<string, string> = {
    'body-too-large': `The body is larger than ${Math.floor(options.limitBytes / 1024)} KB.`,
    'encoding-invalid': 'The body is not valid UTF-8.',
  };
  const raw = await readBody(request, options.limitBytes).catch((error: unknown) => {
    if (!(error instanceof HttpError) || !error.code) throw error;
    throw new ApiError(error.status, error.code, bodyErrors[error.code] ?? error.message);
  });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'json-invalid', 'The body is not valid JSON.');
  }
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.') || '(body)',
      message: issue.message,
    }));
    throw new ApiError(
      422,
      options.invalid.code,
      `${options.invalid.message}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      issues,
    );
  }
  return parsed.data;
}
