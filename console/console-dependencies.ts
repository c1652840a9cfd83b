import type { Clock } from '../config/clock.ts';
import type { ReviewContext } from '../review/review-context.ts';
import type { ReviewWorker } from '../review/review-worker.ts';
import type { WebSurface } from './web-surface.ts';
import { RateLimiter } from './rate-limiter.ts';

/** What the console's routes share: the review context, the web surface, the worker to kick, the rate limits, cookie security. */
export type ConsoleDependencies = {
  context: ReviewContext;
  webSurface: WebSurface;
  worker: ReviewWorker;
  limits: { api: RateLimiter; publicForm: RateLimiter; login: RateLimiter };
  /** Mark cookies Secure: the console is reached over https (HUIYING_PUBLIC_URL). */
  secureCookies: boolean;
  /** The console's log (personal data redacted), for what the operator must know about, such as a withheld answer. */
  log?: (line: string) => void;
};

export function createLimits(options: { apiRequestsPerMinute: number; clock: Clock }): ConsoleDependencies['limits'] {
  return {
    api: new RateLimiter({ perMinute: options.apiRequestsPerMinute, clock: options.clock }),
    // Generous: during an incident many citizens ask at once, often from one carrier-grade NAT address.
    publicForm: new RateLimiter({ perMinute: 30, clock: options.clock }),
    login: new RateLimiter({ perMinute: 10, clock: options.clock }),
  };
}
