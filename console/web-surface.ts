import type { Queryable } from '../db/database.ts';
import type { Clock } from '../config/clock.ts';
import type { Delivery, ReviewNotice, Surface } from '../review/surface.ts';

const NOTICES_KEPT = 50;

/**
 * The web console as a surface: an approved answer is published on the public page under the case's reference;
 * notices are shown in the reviewers' queue.
 */
export class WebSurface implements Surface {
  readonly name = 'web';
  /** What reviewers were told, newest first, with when. */
  readonly notices: Array<ReviewNotice & { notifiedAt: Date }> = [];
  private readonly database: Queryable;
  private readonly clock: Clock;

  constructor(options: { database: Queryable; clock: Clock }) {
    this.database = options.database;
    this.clock = options.clock;
  }

  async notifyReviewers(notice: ReviewNotice): Promise<void> {
    this.notices.unshift({ ...notice, notifiedAt: this.clock.now() });
    this.notices.length = Math.min(this.notices.length, NOTICES_KEPT);
  }

  async deliver(delivery: Delivery): Promise<{ receipt: string }> {
    // The key is the primary key: a second delivery of the same approval finds the first and changes nothing.
    await this.database.query(
      'INSERT INTO public_answers (idempotency_key, case_id, text, published_at) VALUES ($1, $2, $3, $4) ON CONFLICT (idempotency_key) DO NOTHING',
      [delivery.idempotencyKey, delivery.caseId, delivery.text, this.clock.now().toISOString()],
    );
    return { receipt: `web:${delivery.idempotencyKey}` };
  }
}
