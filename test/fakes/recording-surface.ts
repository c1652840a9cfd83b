import type { Delivery, ReviewNotice, Surface } from '../../review/surface.ts';

/**
 * Stands in for a chat platform: records what it is asked to post and the notices it gets, posts a message once per
 * idempotency key (as a platform with client message ids does), and can be told to be down for the next N posts.
 */
export class RecordingSurface implements Surface {
  readonly posted: Delivery[] = [];
  readonly attempts: Delivery[] = [];
  readonly notices: ReviewNotice[] = [];
  failuresLeft = 0;

  constructor(readonly name: string) {}

  async notifyReviewers(notice: ReviewNotice): Promise<void> {
    this.notices.push(notice);
  }

  async deliver(delivery: Delivery): Promise<{ receipt: string }> {
    this.attempts.push(delivery);
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error(`${this.name} answered 503 Service Unavailable`);
    }
    const index = this.posted.findIndex((post) => post.idempotencyKey === delivery.idempotencyKey);
    if (index < 0) this.posted.push(delivery);
    return { receipt: `${this.name}-message-${index < 0 ? this.posted.length : index + 1}` };
  }
}
