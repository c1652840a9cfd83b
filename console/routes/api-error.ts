import { HttpError } from '../http-io.ts';

/** Marks errors from API routes so they are answered in JSON. */
export class ApiError extends HttpError {
  constructor(
    status: number,
    override readonly code: string,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
    headers: Record<string, string> = {},
  ) {
    super(status, message, headers);
  }
}
