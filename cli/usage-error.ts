import { HuiyingError } from '../config/huiying-error.ts';

/** A mistake in how a command was called, with an example of the right call. */
export function usageError(problem: string, example: string): HuiyingError {
  return new HuiyingError({ code: 'usage-invalid', message: `${problem} For example: ${example}` });
}
