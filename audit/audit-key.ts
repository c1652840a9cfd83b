import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HuiyingError } from '../config/huiying-error.ts';

const MINIMUM_KEY_LENGTH = 32;

// One key for the whole process, set once at start from the configuration (cli/open-context.ts, run-console.ts).
// Every writer of the log signs with it: review steps, account changes, ingest and the CLI append entries from a
// dozen places in several folders, and an entry one of them left unsigned would break the chain for all.
let processKey: Buffer | undefined;

/** Sets (or, with undefined, clears) the key every audit entry this process appends is signed with. */
export function useAuditKey(key: Buffer | undefined): void {
  processKey = key;
}

/** The key set with `useAuditKey`, if any. */
export function currentAuditKey(): Buffer | undefined {
  return processKey;
}

/**
 * Reads the audit key from its file (HUIYING_AUDIT_KEY_FILE): at least 32 characters, surrounding whitespace
 * ignored. Keep the file outside the database and its backups, readable by huiying only.
 */
export function readAuditKeyFile(path: string): Buffer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new HuiyingError({
      code: 'config-invalid',
      message: `The audit key file ${path} (HUIYING_AUDIT_KEY_FILE) could not be read: ${(error as Error).message}. Create it with \`openssl rand -hex 32 > ${path}\`, or unset the variable.`,
      cause: error,
      details: { path },
    });
  }
  if (text.length < MINIMUM_KEY_LENGTH)
    throw new HuiyingError({
      code: 'config-invalid',
      message: `The audit key in ${path} has ${text.length} characters; it needs at least ${MINIMUM_KEY_LENGTH}. Create one with \`openssl rand -hex 32 > ${path}\`.`,
      details: { path },
    });
  return Buffer.from(text, 'utf8');
}

/** The MAC of an entry: an HMAC of its hash, which covers its fields and, through the previous hash, all before it. */
export function entryMac(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(`huiying-audit-entry\n${hash}`).digest('hex');
}

/** The MAC of a checkpoint of the log's head, so a checkpoint cannot be made up without the key. */
export function checkpointMac(key: Buffer, checkpoint: { sequence: number; hash: string; takenAt: string }): string {
  return createHmac('sha256', key)
    .update(`huiying-audit-checkpoint\n${checkpoint.sequence}\n${checkpoint.hash}\n${checkpoint.takenAt}`)
    .digest('hex');
}

/** Compares two hex MACs in constant time. */
export function macMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
