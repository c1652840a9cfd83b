import { createHash } from 'node:crypto';

/** SHA-256 of the text in Unicode NFC, so the same characters always give the same hash. */
export function textHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC')).digest('hex');
}
