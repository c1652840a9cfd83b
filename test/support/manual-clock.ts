import type { Clock } from '../../config/clock.ts';

/** A clock that stands still until the test moves it. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start: string | Date) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(options: { hours?: number; minutes?: number; seconds?: number }): void {
    this.current = new Date(
      this.current.getTime() +
        ((options.hours ?? 0) * 3600 + (options.minutes ?? 0) * 60 + (options.seconds ?? 0)) * 1000,
    );
  }

  set(instant: string | Date): void {
    this.current = new Date(instant);
  }
}
