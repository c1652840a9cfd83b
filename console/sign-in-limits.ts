import type { RateLimiter } from './rate-limiter.ts';

export type SignInAttempt =
  | { allowed: true; /** Gives the attempt back: a successful sign-in is not counted. */ succeeded(): Promise<void> }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Limits sign-in attempts per username (guessing one account's password, from anywhere) and per client address
 * (one address guessing across accounts). An attempt is counted when it starts, before its password is checked, so
 * sixty attempts sent at once get the same ten checks as sixty sent one by one; a successful one is given back, so
 * colleagues behind one address sign in freely. Someone guessing a colleague's password locks only that account out
 * for the minute, and only by username: another account from the same address is not affected.
 */
export class SignInLimits {
  constructor(private readonly limits: { perUsername: RateLimiter; perAddress: RateLimiter }) {}

  async begin(options: { username: string; address: string }): Promise<SignInAttempt> {
    const username = `username:${options.username.normalize('NFC')}`;
    const address = `address:${options.address}`;
    const byUsername = await this.limits.perUsername.take(username);
    if (!byUsername.allowed) return byUsername;
    const byAddress = await this.limits.perAddress.take(address);
    if (!byAddress.allowed) {
      // Refused before any check: this attempt does not count against the account.
      await this.limits.perUsername.refund(username);
      return byAddress;
    }
    return {
      allowed: true,
      succeeded: async () => {
        await this.limits.perUsername.refund(username);
        await this.limits.perAddress.refund(address);
      },
    };
  }
}
