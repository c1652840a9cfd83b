import { HuiyingError, isHuiyingError } from '../config/huiying-error.ts';

// SQLSTATE classes and codes that mean the server went away or is not yet taking connections, not that a statement
// was wrong: 08 connection exception, 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now.
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03']);
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const LOST_CONNECTION =
  /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i;

/** True when an error says the connection to the server failed (stopped, restarting, unreachable), not the statement. */
export function isConnectionFailure(error: unknown): boolean {
  if (isHuiyingError(error)) return error.code === 'database-unavailable';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || SERVER_GONE_CODES.has(code) || SOCKET_ERRORS.has(code)))
    return true;
  return LOST_CONNECTION.test(error.message);
}

/**
 * Follows one server's reachability for a process: the first connection failure of an outage is logged, with what
 * happens meanwhile, and so is the first success after it, with how long it lasted. Every failure in between becomes
 * a `database-unavailable` error that says the same, so callers can tell an outage from a bug and wait it out.
 */
export class ConnectionOutage {
  private since: number | undefined;

  constructor(private readonly options: { target: string; log: (line: string) => void; now?: () => number }) {}

  /** Whether the server is believed unreachable right now. */
  get ongoing(): boolean {
    return this.since !== undefined;
  }

  /** Records a connection failure and returns the error to throw in its place. */
  failed(error: unknown): HuiyingError {
    const reason = error instanceof Error ? error.message : String(error);
    if (this.since === undefined) {
      this.since = this.now();
      this.options.log(
        `[database] lost the connection to PostgreSQL at ${this.options.target} (${reason}); work that needs the database waits and is retried until the server is back`,
      );
    }
    return isHuiyingError(error)
      ? error
      : new HuiyingError({
          code: 'database-unavailable',
          message: `The connection to PostgreSQL at ${this.options.target} failed (${reason}). huiying reconnects by itself once the server is back; check that it is running.`,
          cause: error,
        });
  }

  /** Records a statement that reached the server; ends the outage, if there was one. */
  succeeded(): void {
    if (this.since === undefined) return;
    const seconds = (this.now() - this.since) / 1000;
    this.since = undefined;
    this.options.log(
      `[database] PostgreSQL at ${this.options.target} is reachable again (after ${seconds.toFixed(1)} s)`,
    );
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
