import type { Queryable } from '../db/database.ts';
import { auditEntryHash, GENESIS_HASH } from './audit-entry-hash.ts';
import { readAuditLog } from './read-audit-log.ts';

export type AuditChainReport = {
  entries: number;
  valid: boolean;
  /** The first entry whose link or hash does not match, and why. */
  firstBreak?: { sequence: number; reason: string };
};

const PAGE = 5_000;

/** Recomputes every entry's hash from its stored fields and checks each links to the one before. */
export async function verifyAuditChain(database: Queryable): Promise<AuditChainReport> {
  let previousHash = GENESIS_HASH;
  let previousSequence = 0;
  let entries = 0;
  for (;;) {
    const page = await readAuditLog(database, { afterSequence: previousSequence, limit: PAGE });
    for (const entry of page) {
      entries += 1;
      if (entry.previousHash !== previousHash) {
        return {
          entries,
          valid: false,
          firstBreak: {
            sequence: entry.sequence,
            reason: 'its previous-hash does not match the entry before it (an entry was removed or inserted)',
          },
        };
      }
      if (auditEntryHash(entry) !== entry.hash) {
        return {
          entries,
          valid: false,
          firstBreak: {
            sequence: entry.sequence,
            reason: 'its fields do not match its hash (the entry was changed after it was written)',
          },
        };
      }
      previousHash = entry.hash;
      previousSequence = entry.sequence;
    }
    if (page.length < PAGE) return { entries, valid: true };
  }
}
