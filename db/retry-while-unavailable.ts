import { isConnectionFailure } from './connection-outage.ts';

/**
 * Runs `work`, and runs it again while it fails because the database is unreachable (a server restart), waiting
 * 0.5 s, 1 s, 2 s ... up to `maxDelayMs` between attempts; any other error, or an outage longer than `maxWaitMs`,
 * goes up. `work` learns whether it is a retry: a transaction whose COMMIT lost its connection may have been kept,
 * so a retry must look at what is stored before writing again.
 */
export async function retryWhileUnavailable<T>(
  work: (attempt: { retry: boolean }) => Promise<T>,
  options: {
    /** @default 600_000 (ten minutes) */
    maxWaitMs?: number;
    /** @default 10_000 */
    maxDelayMs?: number;
  } = {},
): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work({ retry: attempt > 0 });
    } catch (error) {
      if (!isConnectionFailure(error) || Date.now() - started > (options.maxWaitMs ?? 600_000)) throw error;
      const delay = Math.min(500 * 2 ** attempt, options.maxDelayMs ?? 10_000);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
