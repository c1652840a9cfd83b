import { DEFAULTS, type WorkerIntervals } from '../config/defaults.ts';
import { isHuiyingError } from '../config/huiying-error.ts';
import type { ReviewNotice, Surface, TalkingPointNotice } from './surface.ts';
import { describeFlag } from '../drafting/flag-contacts.ts';
import { deliverDueAnswers } from './deliver-outbox.ts';
import { draftReceivedCases } from './draft-case.ts';
import { findCase, findVersion } from './read-cases.ts';
import { renderPublicAnswer } from './render-public-answer.ts';
import type { ReviewContext } from './review-context.ts';
import { sweepDeadlines } from './sweep-deadlines.ts';

type Job = 'draft' | 'announce' | 'deliver' | 'sweep';
type Reported = Job;

/**
 * The background half of the workflow: drafts received cases, delivers approved answers, reminds and escalates.
 * Each job runs on a timer and when kicked (a new inquiry, an approval), never twice at once; a failure is reported
 * and the job runs again on its next turn, so an outage loses nothing. While the database is unreachable a job waits
 * longer after each failed run (1 s, 2 s, 4 s ... `outageRetryMaxMs`), and its failures are not reported one by one:
 * the database reports the outage once.
 */
export class ReviewWorker {
  private readonly running = new Map<Job, Promise<void>>();
  private readonly again = new Set<Job>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly outageRuns = new Map<Job, { failures: number; retryAt: number; timer?: NodeJS.Timeout }>();
  private stopped = false;

  constructor(
    private readonly options: {
      context: ReviewContext;
      surfaces: ReadonlyMap<string, Surface>;
      onError?: (job: Reported, error: unknown) => void;
      /** @default DEFAULTS.workerIntervals */
      intervals?: Partial<WorkerIntervals>;
      /**
       * The jobs this process runs. `huiying worker` drafts and delivers web answers; the announcements, chat
       * deliveries and deadline notices stay with `huiying serve`, which has the chat surfaces. @default all four
       */
      jobs?: ReadonlyArray<Job>;
      /** Deliver only items for these surfaces (deliverDueAnswers' onlyFor). @default every item */
      deliverOnlyFor?: ReadonlyArray<string>;
    },
  ) {}

  start(): void {
    const intervals = { ...DEFAULTS.workerIntervals, ...this.options.intervals };
    const every: Record<Job, number> = {
      draft: intervals.draftMs,
      announce: intervals.deliverMs,
      deliver: intervals.deliverMs,
      sweep: intervals.sweepMs,
    };
    for (const job of this.jobs) this.timers.push(setInterval(() => this.kick(job), every[job]));
    for (const timer of this.timers) timer.unref();
    for (const job of this.jobs) void this.kick(job);
  }

  private get jobs(): ReadonlyArray<Job> {
    return this.options.jobs ?? ['draft', 'announce', 'deliver', 'sweep'];
  }

  /** Runs a job now, or once more right after the run in progress. */
  kick(job: Job): Promise<void> {
    if (this.stopped || !this.jobs.includes(job)) return Promise.resolve();
    const outage = this.outageRuns.get(job);
    if (outage && Date.now() < outage.retryAt) {
      outage.timer ??= setTimeout(() => {
        outage.timer = undefined;
        void this.kick(job);
      }, outage.retryAt - Date.now());
      return Promise.resolve();
    }
    const current = this.running.get(job);
    if (current) {
      this.again.add(job);
      return current;
    }
    const run = this.run(job).finally(() => {
      this.running.delete(job);
      if (this.again.delete(job)) void this.kick(job);
    });
    this.running.set(job, run);
    return run;
  }

  /** Stops the timers and waits for the jobs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const outage of this.outageRuns.values()) clearTimeout(outage.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  /** Tells reviewers on every surface that can (Slack, Discord) of a talking point waiting for publication. */
  async announceTalkingPoint(notice: TalkingPointNotice): Promise<void> {
    const results = await Promise.allSettled(
      this.distinctSurfaces().map((surface) => surface.notifyTalkingPoint?.(notice)),
    );
    for (const result of results) if (result.status === 'rejected') this.options.onError?.('announce', result.reason);
  }

  // The map is keyed by the names stored with cases, and one surface can answer to two ('web' and 'api'): each is told once.
  private distinctSurfaces(): Surface[] {
    return [...new Set(this.options.surfaces.values())];
  }

  // Reviewers hear of each new draft on every surface, whichever process drafted it: drafts not yet announced are
  // claimed (announced_at) first, so two processes tell of each once; a surface that is down does not stop the others.
  private async announce(): Promise<void> {
    const claimed = await this.options.context.database.query<{ id: string }>(
      `UPDATE cases SET announced_at = $1
       WHERE id IN (SELECT id FROM cases WHERE status = 'awaiting-review' AND announced_at IS NULL
                    ORDER BY received_at, id LIMIT 50 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [this.options.context.clock.now().toISOString()],
    );
    for (const caseId of claimed.map((row) => Number(row.id)).sort((left, right) => left - right)) {
      const found = await findCase(this.options.context.database, caseId);
      const version = found
        ? await findVersion(this.options.context.database, caseId, found.currentVersion)
        : undefined;
      if (!found || !version || found.status !== 'awaiting-review') continue;
      const notice: ReviewNotice = {
        kind: 'draft-ready',
        caseId,
        summary: found.displayText.slice(0, 120),
        dueAt: found.dueAt,
        draft: {
          version: version.version,
          publicText: renderPublicAnswer(version),
          textHash: version.textHash,
          refused: version.refused,
          flags: version.flags.map(describeFlag),
        },
        actions: ['approve', 'edit', 'reject', 'escalate', 'reassign', 'reclassify'],
      };
      await Promise.allSettled(this.distinctSurfaces().map((surface) => surface.notifyReviewers(notice)));
    }
  }

  private async run(job: Job): Promise<void> {
    const { context, surfaces } = this.options;
    try {
      if (job === 'draft') {
        const result = await draftReceivedCases(context);
        for (const failure of result.failed)
          this.options.onError?.(job, new Error(`case ${failure.caseId}: ${failure.error}`));
        // Told at once here; drafts made by a worker process without the chat surfaces are told by the announce timer.
        if (result.drafted.length > 0) await this.kick('announce');
      } else if (job === 'announce') {
        await this.announce();
      } else if (job === 'deliver') {
        await deliverDueAnswers({
          database: context.database,
          surfaces,
          clock: context.clock,
          onlyFor: this.options.deliverOnlyFor,
        });
      } else {
        await sweepDeadlines(context, { surfaces: this.distinctSurfaces() });
      }
      this.outageRuns.delete(job);
    } catch (error) {
      if (isHuiyingError(error) && error.code === 'database-unavailable') this.waitOutOutage(job);
      else this.options.onError?.(job, error);
    }
  }

  private waitOutOutage(job: Job): void {
    const failures = (this.outageRuns.get(job)?.failures ?? 0) + 1;
    const delay = Math.min(
      1000 * 2 ** (failures - 1),
      this.options.intervals?.outageRetryMaxMs ?? DEFAULTS.workerIntervals.outageRetryMaxMs,
    );
    this.outageRuns.set(job, { failures, retryAt: Date.now() + delay });
    // Come back when the wait is over even if no timer or kick does.
    void this.kick(job);
  }
}
