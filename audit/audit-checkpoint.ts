import type { Queryable } from '../db/database.ts';
import { HuiyingError } from '../config/huiying-error.ts';
import { checkpointMac, entryMac, macMatches } from './audit-key.ts';

/**
 * The head of the audit log at one moment: its last entry's sequence and hash, when it was taken, and (with the
 * audit key) a MAC. Kept outside the database (mailed, published, appended to a file elsewhere), it proves later
 * that the log then reached this entry with this hash: a log cut short or rewritten before it no longer matches.
 */
export type AuditCheckpoint = { sequence: number; hash: string; takenAt: string; mac?: string };

const LINE = /^huiying-audit-checkpoint v1 sequence=(\d{1,18}) hash=([0-9a-f]{64}) at=(\S+?)(?: mac=([0-9a-f]{64}))?$/;

/** A checkpoint of the log's newest entry, signed when a key is given; undefined while the log is empty. */
export async function takeAuditCheckpoint(
  database: Queryable,
  options: { key?: Buffer; now: Date },
): Promise<AuditCheckpoint | undefined> {
  const [head] = await database.query<{ sequence: string; hash: string; mac: string | null }>(
    'SELECT sequence, hash, mac FROM audit_log ORDER BY sequence DESC LIMIT 1',
  );
  if (!head) return undefined;
  // Never sign a head the key did not sign: it would vouch for entries someone without the key wrote.
  if (options.key && head.mac !== null && !macMatches(entryMac(options.key, head.hash), head.mac))
    throw new HuiyingError({
      code: 'usage-invalid',
      message: `The newest audit entry (${head.sequence}) is not signed with the audit key; no checkpoint taken. Run \`huiying audit verify\`.`,
    });
  const checkpoint = { sequence: Number(head.sequence), hash: head.hash, takenAt: options.now.toISOString() };
  return options.key ? { ...checkpoint, mac: checkpointMac(options.key, checkpoint) } : checkpoint;
}

/** One line, easy to mail or publish: `huiying-audit-checkpoint v1 sequence=… hash=… at=… mac=…`. */
export function formatAuditCheckpoint(checkpoint: AuditCheckpoint): string {
  return `huiying-audit-checkpoint v1 sequence=${checkpoint.sequence} hash=${checkpoint.hash} at=${checkpoint.takenAt}${
    checkpoint.mac ? ` mac=${checkpoint.mac}` : ''
  }`;
}

/** Reads checkpoint lines (blank lines and lines starting with # are skipped); a malformed line is an error. */
export function parseAuditCheckpoints(text: string, source: string): AuditCheckpoint[] {
  const checkpoints: AuditCheckpoint[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = LINE.exec(line);
    if (!match || Number.isNaN(Date.parse(match[3]!)))
      throw new HuiyingError({
        code: 'usage-invalid',
        message: `Line ${index + 1} of ${source} is not an audit checkpoint. Each line must be as \`huiying audit checkpoint\` prints it: huiying-audit-checkpoint v1 sequence=… hash=… at=… [mac=…].`,
        details: { source, line: index + 1 },
      });
    checkpoints.push({
      sequence: Number(match[1]),
      hash: match[2]!,
      takenAt: match[3]!,
      ...(match[4] && { mac: match[4] }),
    });
  });
  return checkpoints;
}
