import { readAuditKeyFile, useAuditKey } from '../audit/audit-key.ts';
import type { HuiyingConfig } from '../config/load-config.ts';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { ChatModel } from '../drafting/chat-model.ts';
import type { Clock } from '../config/clock.ts';
import { createReviewContext } from '../review/create-review-context.ts';
import { loadHolidaySchedules } from '../review/holiday-schedules.ts';
import { missingScheduleYears } from '../review/working-day-calendar.ts';
import type { ReviewContext } from '../review/review-context.ts';
import { ReviewWorker } from '../review/review-worker.ts';
import { createSurfaces, type Surfaces } from './create-surfaces.ts';
import type { WebSurface } from './web-surface.ts';
import { redactPersonalData } from '../privacy/redact-personal-data.ts';
import { warmUpSearch } from '../retrieval/warm-up-search.ts';
import { startConsoleServer } from './console-server.ts';
import { startSurfaces, type StartedSurfaces } from './start-surfaces.ts';

export type RunningConsole = {
  url: string;
  /** Where the chat surfaces receive their platforms' requests (Slack's Request URL), for the start-up banner. */
  endpoints: StartedSurfaces['endpoints'];
  context: ReviewContext;
  worker: ReviewWorker;
  webSurface: WebSurface;
  surfaces: Surfaces;
  stop(): Promise<void>;
};

/**
 * Starts everything `huiying serve` runs: the review context, the surfaces (the web console, which also publishes
 * answers to inquiries that came through the API, and each chat platform configured), the background worker and
 * the HTTP server. Tests pass a clock, a model, port 0 and worker intervals of their own.
 */
export async function runConsole(options: {
  config: HuiyingConfig;
  database: Database;
  embedder: Embedder;
  clock?: Clock;
  model?: ChatModel;
  port?: number;
  workerIntervals?: ConstructorParameters<typeof ReviewWorker>[0]['intervals'];
  /** The token of the control API the CLI uses while this console holds the embedded database (`huiying serve`). */
  controlToken?: string;
  /** Searches made from the corpus, run in the background after start so the first questions are answered at full speed. @default DEFAULTS.warmUpSearches */
  warmUpSearches?: number;
  log?: (line: string) => void;
}): Promise<RunningConsole> {
  // Every audit entry this process writes is signed with the configured key (audit/audit-key.ts).
  useAuditKey(options.config.audit.keyFile === undefined ? undefined : readAuditKeyFile(options.config.audit.keyFile));
  const context = createReviewContext({
    config: options.config,
    database: options.database,
    embedder: options.embedder,
    clock: options.clock,
    model: options.model,
  });
  // Log lines can quote what the public wrote (an error about a case, a stack with its text): personal data is redacted.
  const write = options.log ?? ((line: string) => console.error(line));
  const log = (line: string) => write(redactPersonalData(line).text);
  await loadHolidaySchedules(context);
  for (const year of missingScheduleYears(context.calendar, context.clock.now()))
    log(
      `[calendar] No holiday schedule for ${year}: working-day deadlines that reach into it count every weekday (the Spring Festival too). An admin enters the State Council's schedule at /holidays (or add it to HUIYING_HOLIDAYS_FILE).`,
    );
  let worker: ReviewWorker | undefined;
  const surfaces = createSurfaces({ config: options.config, context, kick: (job) => void worker?.kick(job), log });
  worker = new ReviewWorker({
    context,
    surfaces: surfaces.byName,
    intervals: options.workerIntervals,
    onError: (job, error) => log(`[worker] ${job} failed: ${(error as Error).message}`),
  });
  const server = await startConsoleServer({
    context,
    webSurface: surfaces.web,
    worker,
    apiRequestsPerMinute: options.config.review.apiRequestsPerMinute,
    publicUrl: options.config.review.publicUrl,
    clientAddress: options.config.review.clientAddress,
    controlToken: options.controlToken,
    adminChangesNeedSecondAdmin: options.config.review.adminChangesNeedSecondAdmin,
    host: options.config.review.host,
    port: options.port ?? options.config.review.port,
    log,
  });
  let started: StartedSurfaces;
  try {
    started = await startSurfaces(surfaces.all);
  } catch (error) {
    // A chat platform that cannot be reached stops the start-up cleanly, with its reason, rather than half-running.
    await server.close();
    throw error;
  }
  worker.start();
  const running = worker;
  let stopping = false;
  const warmUp = warmUpSearch({
    database: options.database,
    embedder: options.embedder,
    queries: options.warmUpSearches,
    shouldStop: () => stopping,
  }).then(
    (result) =>
      result.queries > 0 && log(`[search] index warmed with ${result.queries} searches in ${result.milliseconds} ms`),
    (error: unknown) => log(`[search] warm-up stopped: ${(error as Error).message}`),
  );
  return {
    url: server.url,
    endpoints: started.endpoints,
    context,
    worker: running,
    webSurface: surfaces.web,
    surfaces,
    async stop() {
      stopping = true;
      await warmUp;
      await server.close();
      await started.stop();
      await running.stop();
    },
  };
}
