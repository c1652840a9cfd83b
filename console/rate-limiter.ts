import { createHash } from 'node:crypto';
import type { Clock } from '../config/clock.ts';
import type { Queryable } from '../db/database.ts';

export type RateLimit = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// The bucket's tokens after refilling since it was last touched (continuously, `perMinute` a minute, up to
// `perMinute`), in terms of the stored row `b` and the parameters $3 (per minute) and $4 (now).
const REFILLED = `LEAST($3::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM ($4::timestamptz - b.updated_at))) * $3::float8 / 60)`;
// Buckets untouched this long are full again and can go (in one minute an empty bucket refills).
const PRUNE_EVERY = 1000;

/**
 * A token bucket per key: `perMinute` requests a minute, refilled continuously, bursts up to `perMinute`. The buckets
 * live in the database (`rate_limit_buckets`), so that every process serving the console counts against the same
 * limit; one statement per request, which also locks the bucket against a concurrent request. Keys are stored hashed.
 */
export class RateLimiter {
  private takes = 0;

  constructor(private readonly options: { database: Queryable; name: string; perMinute: number; clock: Clock }) {}

  /** Takes one token; returns the seconds to wait when there is none. */
  async take(key: string): Promise<RateLimit> {
    const now = this.options.clock.now();
    const [row] = await this.options.database.query<{ tokens: number; allowed: boolean }>(
      `INSERT INTO rate_limit_buckets AS b (limiter, key_hash, tokens, allowed, updated_at)
       VALUES ($1, $2, $3::float8 - 1, true, $4)
       ON CONFLICT (limiter, key_hash) DO UPDATE SET
         allowed = ${REFILLED} >= 1,
         tokens = ${REFILLED} - CASE WHEN ${REFILLED} >= 1 THEN 1 ELSE 0 END,
         updated_at = GREATEST(b.updated_at, $4::timestamptz)
       RETURNING tokens, allowed`,
      [this.options.name, hashKey(key), this.options.perMinute, now.toISOString()],
    );
    this.takes += 1;
    if (this.takes % PRUNE_EVERY === 0)
      await this.options.database.query(
        `DELETE FROM rate_limit_buckets WHERE limiter = $1 AND updated_at < $2::timestamptz - interval '1 minute'`,
        [this.options.name, now.toISOString()],
      );
    return row!.allowed ? { allowed: true } : this.wait(Number(row!.tokens));
  }

  /** Gives back a token taken for something that turned out not to count (a successful sign-in). */
  async refund(key: string): Promise<void> {
    await this.options.database.query(
      `UPDATE rate_limit_buckets SET tokens = LEAST($3::float8, tokens + 1) WHERE limiter = $1 AND key_hash = $2`,
      [this.options.name, hashKey(key), this.options.perMinute],
    );
  }

  /** Whether a token is available, without taking it (for limits that only count failures). */
  async check(key: string): Promise<RateLimit> {
    const [row] = await this.options.database.query<{ tokens: number }>(
      `SELECT ${REFILLED} AS tokens FROM rate_limit_buckets b WHERE limiter = $1 AND key_hash = $2`,
      [this.options.name, hashKey(key), this.options.perMinute, this.options.clock.now().toISOString()],
    );
    return !row || Number(row.tokens) >= 1 ? { allowed: true } : this.wait(Number(row.tokens));
  }

  private wait(tokens: number): RateLimit {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - tokens) * 60) / this.options.perMinute)) };
  }
}

// Addresses and key ids are not kept as they are.
function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
