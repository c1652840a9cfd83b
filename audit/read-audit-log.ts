import type { Queryable } from '../db/database.ts';
import type { AuditEntryFields } from './audit-entry-hash.ts';

/** An entry as stored; `mac` is its HMAC under the audit key, null when it was written without one. */
export type AuditEntry = AuditEntryFields & { sequence: number; hash: string; mac: string | null };

export type AuditRow = {
  sequence: string;
  case_id: string | null;
  event: string;
  actor: string;
  occurred_at: Date | string;
  details: Record<string, unknown>;
  previous_hash: string;
  hash: string;
  mac: string | null;
};

/** Audit entries in order: one case's, or (caseId undefined) the whole log from `afterSequence`. */
export async function readAuditLog(
  database: Queryable,
  options: { caseId?: number; afterSequence?: number; limit?: number } = {},
): Promise<AuditEntry[]> {
  const rows = await database.query<AuditRow>(
    options.caseId === undefined
      ? 'SELECT * FROM audit_log WHERE sequence > $1 ORDER BY sequence LIMIT $2'
      : 'SELECT * FROM audit_log WHERE case_id = $3 AND sequence > $1 ORDER BY sequence LIMIT $2',
    options.caseId === undefined
      ? [options.afterSequence ?? 0, options.limit ?? 10_000]
      : [options.afterSequence ?? 0, options.limit ?? 10_000, options.caseId],
  );
  return rows.map(toAuditEntry);
}

/** The audit entry an `audit_log` row holds. */
export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    sequence: Number(row.sequence),
    caseId: row.case_id === null ? null : Number(row.case_id),
    event: row.event,
    actor: row.actor,
    occurredAt: new Date(row.occurred_at),
    details: row.details,
    previousHash: row.previous_hash,
    hash: row.hash,
    mac: row.mac ?? null,
  };
}
