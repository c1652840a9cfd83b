import type { Queryable } from '../db/database.ts';
import { auditEntryHash } from './audit-entry-hash.ts';
import { currentAuditKey, entryMac, macMatches } from './audit-key.ts';
import { toAuditEntry, type AuditRow } from './read-audit-log.ts';

/**
 * The text hash the audit trail records as approved for one delivery (the `draft-approved` entry naming its
 * idempotency key), provided that entry is intact: its hash matches its fields and, with the audit key, its MAC
 * matches. Tables beside the log (outbox, approvals, public answers) can be rewritten by whoever writes the
 * database; this entry cannot be without breaking the chain, nor, with the key, without the key.
 */
export async function findApprovalRecord(
  database: Queryable,
  options: { caseId: number; idempotencyKey: string },
): Promise<{ textHash: string; sequence: number } | undefined> {
  const rows = await database.query<AuditRow>(
    `SELECT * FROM audit_log WHERE case_id = $1 AND event = 'draft-approved' AND details->>'idempotencyKey' = $2 ORDER BY sequence LIMIT 1`,
    [options.caseId, options.idempotencyKey],
  );
  if (rows.length === 0) return undefined;
  const entry = toAuditEntry(rows[0]!);
  if (auditEntryHash(entry) !== entry.hash) return undefined;
  const key = currentAuditKey();
  if (key && entry.mac !== null && !macMatches(entryMac(key, entry.hash), entry.mac)) return undefined;
  const textHash = entry.details.textHash;
  return typeof textHash === 'string' ? { textHash, sequence: entry.sequence } : undefined;
}
