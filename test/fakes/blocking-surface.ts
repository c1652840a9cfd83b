import type { Delivery, ReviewNotice, Surface } from '../../review/surface.ts';

/**
 * A slow platform: each delivery reaches the surface, then waits there until the test releases it, and only then
 * goes on to the surface it wraps. Lets a test act while a post is in flight, without sleeping.
 */
export class BlockingSurface implements Surface {
  readonly name: string;
  /** Deliveries that have reached the surface, in order (held or passed on). */
  readonly arrived: Delivery[] = [];
  private waiting: Array<(delivery: Delivery) => void> = [];
  private gates: Array<{ delivery: Delivery; release: () => void; fail: (error: Error) => void }> = [];

  constructor(private readonly inner: Surface) {
    this.name = inner.name;
  }

  notifyReviewers(notice: ReviewNotice): Promise<void> {
    return this.inner.notifyReviewers(notice);
  }

  /** Resolves with the next delivery once it is held at the surface (or at once if one is held already). */
  nextHeld(): Promise<Delivery> {
    const held = this.gates[0];
    if (held) return Promise.resolve(held.delivery);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Lets the oldest held delivery through to the wrapped surface. */
  release(): void {
    this.take().release();
  }

  /** Makes the oldest held delivery fail, as a platform that answers 503 after a long wait. */
  fail(message = `${this.name} answered 503 Service Unavailable`): void {
    this.take().fail(new Error(message));
  }

  async deliver(delivery: Delivery): Promise<{ receipt: string }> {
    this.arrived.push(delivery);
    await new Promise<void>((release, fail) => {
      this.gates.push({ delivery, release, fail });
      for (const resolve of this.waiting.splice(0)) resolve(delivery);
    });
    return this.inner.deliver(delivery);
  }

  private take() {
    const gate = this.gates.shift();
    if (!gate) throw new Error('no delivery is held at the surface');
    return gate;
  }
}
