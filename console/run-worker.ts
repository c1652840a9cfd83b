import type { Clock } from '../config/clock.ts';
import type { HuiyingConfig } from '../config/load-config.ts';
import type { Database } from '../db/database.ts';
import type { ChatModel } from '../drafting/chat-model.ts';
import type { Embedder } from '../embed/embedder.ts';
import { redactPersonalData } from '../privacy/redact-personal-data.ts';
import { createReviewContext } from '../review/create-review-context.ts';
import { ReviewWorker } from '../review/review-worker.ts';
import { WebSurface } from './web-surface.ts';

export type RunningWorker = { worker: ReviewWorker; stop(): Promise<void> };

/**
 * Starts what `huiying worker` runs beside `huiying serve` on one PostgreSQL server: drafting received cases (each
 * claimed, so several workers share a burst and draft each case once) and delivering answers published on the web
 * surface. It connects to no chat platform: announcing drafts to reviewers, answers posted on Slack or Discord and
 * deadline reminders stay with `huiying serve`, which has those connections.
 */
export function runWorker(options: {
  config: HuiyingConfig;
  database: Database;
  embedder: Embedder;
  clock?: Clock;
  model?: ChatModel;
  intervals?: ConstructorParameters<typeof ReviewWorker>[0]['intervals'];
  log?: (line: string) => void;
}): RunningWorker {
  const context = createReviewContext({
    config: options.config,
    database: options.database,
    embedder: options.embedder,
    clock: options.clock,
    model: options.model,
  });
  const write = options.log ?? ((line: string) => console.error(line));
  const web = new WebSurface({ database: options.database, clock: context.clock });
  const worker = new ReviewWorker({
    context,
    surfaces: new Map([
      ['web', web],
      ['api', web],
    ]),
    jobs: ['draft', 'deliver'],
    deliverOnlyFor: ['web', 'api'],
    intervals: options.intervals,
    // Log lines can quote what the public wrote: personal data is redacted.
    onError: (job, error) => write(redactPersonalData(`[worker] ${job} failed: ${(error as Error).message}`).text),
  });
  worker.start();
  return { worker, stop: () => worker.stop() };
}
