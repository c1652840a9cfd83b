import type { IncomingMessage } from 'node:http';
import type { Clock } from '../config/clock.ts';
import { DEFAULTS } from '../config/defaults.ts';
import type { Queryable } from '../db/database.ts';
import type { ReviewContext } from '../review/review-context.ts';
import type { ReviewWorker } from '../review/review-worker.ts';
import type { WebSurface } from './web-surface.ts';
import { RateLimiter } from './rate-limiter.ts';
import { SignInLimits } from './sign-in-limits.ts';

/** What the console's routes share: the review context, the web surface, the worker to kick, the rate limits, cookie security. */
export type ConsoleDependencies = {
  context: ReviewContext;
  webSurface: WebSurface;
  worker: ReviewWorker;
  limits: { api: RateLimiter; publicForm: RateLimiter; login: SignInLimits };
  /** The client's address for the per-address limits (the proxy's header when it is trusted, see clientAddressOf). */
  clientAddress(request: IncomingMessage): string;
  /** Account changes in the console wait for a second admin (HUIYING_ADMIN_CHANGES_NEED_SECOND_ADMIN). */
  adminChangesNeedSecondAdmin: boolean;
  /** Mark cookies Secure: the console is reached over https (HUIYING_PUBLIC_URL). */
  secureCookies: boolean;
  /** The token of the CLI's control API (see controlRoutes); without it there is no control API. */
  controlToken?: string;
  /** The console's log (personal data redacted), for what the operator must know about, such as a withheld answer. */
  log?: (line: string) => void;
};

/** The console's rate limits, kept in the database so that every process serving the console shares them. */
export function createLimits(options: {
  database: Queryable;
  apiRequestsPerMinute: number;
  clock: Clock;
}): ConsoleDependencies['limits'] {
  const limiter = (name: string, perMinute: number) =>
    new RateLimiter({ database: options.database, name, perMinute, clock: options.clock });
  return {
    api: limiter('api', options.apiRequestsPerMinute),
    publicForm: limiter('public-form', DEFAULTS.rateLimits.publicFormPerMinute),
    login: new SignInLimits({
      perUsername: limiter('sign-in-username', DEFAULTS.rateLimits.failedSignInsPerUsernamePerMinute),
      perAddress: limiter('sign-in-address', DEFAULTS.rateLimits.failedSignInsPerMinute),
    }),
  };
}
