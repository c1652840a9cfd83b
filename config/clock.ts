/** Where huiying reads the time; tests pass a clock they move by hand, so deadlines can be checked without waiting. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
