import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: citizens read these aloud on the phone.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An unguessable reference a citizen uses to look up the answer, e.g. HY-7KQ2-M9XD-R4TB. */
export function newPublicReference(): string {
  const groups = Array.from({ length: 3 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return `HY-${groups.join('-')}`;
}
