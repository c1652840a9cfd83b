/** Stable error codes; each names one thing that went wrong and has one fix. */
export type HuiyingErrorCode =
  | 'config-invalid'
  | 'database-unavailable'
  | 'database-busy'
  | 'database-extension-missing'
  | 'database-extension-outdated'
  | 'migration-failed'
  | 'database-write-failed'
  | 'index-embedder-mismatch'
  | 'source-not-found'
  | 'source-unsupported'
  | 'source-too-large'
  | 'source-empty'
  | 'source-corrupt'
  | 'source-undecodable'
  | 'source-fetch-failed'
  | 'source-symlink'
  | 'source-name-invalid'
  | 'embedding-failed'
  | 'usage-invalid'
  | 'eval-set-invalid'
  | 'eval-history-leak'
  | 'question-bank-invalid'
  | 'case-not-found'
  | 'decision-refused'
  | 'request-invalid'
  | 'statement-invalid'
  | 'idempotency-key-reused'
  | 'delivery-failed';

/** An error a user can act on: a code, a message that says how to fix it, structured details and the cause. */
export class HuiyingError extends Error {
  override readonly name = 'HuiyingError';
  readonly code: HuiyingErrorCode;
  readonly details: Record<string, unknown>;
  /** The message in Chinese, for people in the console and the chat surfaces; the CLI and logs print `message`. */
  readonly chineseMessage?: string;

  constructor(options: {
    code: HuiyingErrorCode;
    message: string;
    chineseMessage?: string;
    cause?: unknown;
    details?: Record<string, unknown>;
  }) {
    super(options.message, { cause: options.cause });
    this.code = options.code;
    this.details = options.details ?? {};
    this.chineseMessage = options.chineseMessage;
  }
}

/** True for errors raised by huiying itself (as opposed to bugs or library failures). */
export function isHuiyingError(error: unknown): error is HuiyingError {
  return error instanceof HuiyingError;
}

/** A one-line description of any thrown value, including the first cause. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
