import type { ReviewContext } from '../review/review-context.ts';

/** What every chat listener needs besides its platform's client: the review core, the worker to kick, the log. */
export type ChatListenerOptions = {
  context: ReviewContext;
  kick: (job: 'draft' | 'deliver') => void;
  log: (line: string) => void;
};
