import type { Queryable } from '../db/database.ts';
import type { AuditCheckpoint } from './audit-checkpoint.ts';
import { auditEntryHash, GENESIS_HASH } from './audit-entry-hash.ts';
import { checkpointMac, entryMac, macMatches } from './audit-key.ts';
import { readAuditLog, type AuditEntry } from './read-audit-log.ts';

export type CheckpointResult = { sequence: number; takenAt: string; signed: boolean; problem?: string };

export type AuditChainReport = {
  entries: number;
  valid: boolean;
  /** The first entry whose link, hash or MAC does not match, and why. */
  firstBreak?: { sequence: number; reason: string };
  /** The newest entry read. */
  head?: { sequence: number; hash: string };
  /** Whether MACs were checked (a key was given); entries carrying a MAC; entries at the start written without one. */
  keyChecked: boolean;
  signedEntries: number;
  unsignedEntries: number;
  /** Each checkpoint given, and what is wrong with the log or the checkpoint, if anything. */
  checkpoints: CheckpointResult[];
};

const PAGE = 5_000;

/**
 * Recomputes every entry's hash from its stored fields and checks each links to the one before. With the audit key,
 * every MAC is checked too, and an entry without a MAC after one with a MAC is a break: without the key, no entry can
 * be rewritten or added. Checkpoints taken earlier and kept outside the database must still match the log: that is
 * what shows entries removed from the end (or a whole log rebuilt without the key's protection).
 */
export async function verifyAuditChain(
  database: Queryable,
  options: { key?: Buffer; checkpoints?: ReadonlyArray<AuditCheckpoint> } = {},
): Promise<AuditChainReport> {
  const { key } = options;
  const wanted = new Set((options.checkpoints ?? []).map((checkpoint) => checkpoint.sequence));
  // A checkpoint signed with the key shows the key was in use by then: every later entry must carry a MAC, so
  // stripping the MACs off the newest entries (and then rewriting them) is a break too.
  const signedSince = (options.checkpoints ?? []).reduce(
    (earliest, checkpoint) =>
      key && checkpoint.mac && macMatches(checkpointMac(key, checkpoint), checkpoint.mac)
        ? Math.min(earliest, checkpoint.sequence)
        : earliest,
    Number.POSITIVE_INFINITY,
  );
  const seen = new Map<number, string>();
  const report: AuditChainReport = {
    entries: 0,
    valid: true,
    keyChecked: key !== undefined,
    signedEntries: 0,
    unsignedEntries: 0,
    checkpoints: [],
  };
  let previousHash = GENESIS_HASH;
  let previousSequence = 0;
  for (;;) {
    const page = await readAuditLog(database, { afterSequence: previousSequence, limit: PAGE });
    for (const entry of page) {
      report.entries += 1;
      const reason = entryProblem(entry, {
        previousHash,
        key,
        signedBefore: report.signedEntries > 0 || entry.sequence > signedSince,
      });
      if (reason) return { ...report, valid: false, firstBreak: { sequence: entry.sequence, reason } };
      if (entry.mac === null) report.unsignedEntries += 1;
      else report.signedEntries += 1;
      if (wanted.has(entry.sequence)) seen.set(entry.sequence, entry.hash);
      previousHash = entry.hash;
      previousSequence = entry.sequence;
      report.head = { sequence: entry.sequence, hash: entry.hash };
    }
    if (page.length < PAGE) break;
  }
  report.checkpoints = (options.checkpoints ?? []).map((checkpoint) =>
    checkCheckpoint(checkpoint, { seen, key, lastSequence: previousSequence }),
  );
  report.valid = report.checkpoints.every((checkpoint) => checkpoint.problem === undefined);
  return report;
}

function entryProblem(
  entry: AuditEntry,
  options: { previousHash: string; key?: Buffer; signedBefore: boolean },
): string | undefined {
  if (entry.previousHash !== options.previousHash)
    return 'its previous-hash does not match the entry before it (an entry was removed or inserted)';
  if (auditEntryHash(entry) !== entry.hash)
    return 'its fields do not match its hash (the entry was changed after it was written)';
  if (entry.mac === null && options.signedBefore)
    return 'it has no MAC although the entries before it have one (written without the audit key, or its MAC removed)';
  if (entry.mac !== null && options.key && !macMatches(entryMac(options.key, entry.hash), entry.mac))
    return 'its MAC does not match (written or changed by someone without the audit key, or the key is not the one it was written with)';
  return undefined;
}

function checkCheckpoint(
  checkpoint: AuditCheckpoint,
  options: { seen: ReadonlyMap<number, string>; key?: Buffer; lastSequence: number },
): CheckpointResult {
  const result = { sequence: checkpoint.sequence, takenAt: checkpoint.takenAt, signed: checkpoint.mac !== undefined };
  if (checkpoint.mac && options.key && !macMatches(checkpointMac(options.key, checkpoint), checkpoint.mac))
    return { ...result, problem: 'the checkpoint is not signed with this audit key (made up, or another key)' };
  const hash = options.seen.get(checkpoint.sequence);
  if (hash === undefined)
    return {
      ...result,
      problem:
        checkpoint.sequence > options.lastSequence
          ? `the log ends at entry ${options.lastSequence}, but this checkpoint recorded entry ${checkpoint.sequence}: entries were removed from the end`
          : `entry ${checkpoint.sequence}, which this checkpoint recorded, is missing`,
    };
  if (hash !== checkpoint.hash)
    return {
      ...result,
      problem: `entry ${checkpoint.sequence} differs from this checkpoint: the log was rewritten and its hashes recomputed`,
    };
  return result;
}
