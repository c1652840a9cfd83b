import type { Clock } from '../config/clock.ts';

/** A token bucket per key: `perMinute` requests a minute, refilled continuously, bursts up to `perMinute`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(private readonly options: { perMinute: number; clock: Clock }) {}

  /** Takes one token; returns the seconds to wait when there is none. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const state = this.check(key);
    if (state.allowed) this.buckets.get(key)!.tokens -= 1;
    return state;
  }

  /** Gives back a token taken for something that turned out not to count (a successful sign-in). */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.options.perMinute, bucket.tokens + 1);
  }

  /** Whether a token is available, without taking it (for limits that only count failures). */
  check(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.options.clock.now().getTime();
    const rate = this.options.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.options.perMinute, updated: now };
    bucket.tokens = Math.min(this.options.perMinute, bucket.tokens + (now - bucket.updated) * rate);
    bucket.updated = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket.tokens >= 1
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / rate / 1000) };
  }
}
