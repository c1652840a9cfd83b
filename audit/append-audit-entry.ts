import { ADVISORY_LOCKS } from '../db/advisory-locks.ts';
import type { Queryable } from '../db/database.ts';
import { auditEntryHash, GENESIS_HASH } from './audit-entry-hash.ts';
import { currentAuditKey, entryMac } from './audit-key.ts';

/** What happened to a case, named `<noun>-<action>`. */
export type AuditEvent =
  | 'inquiry-received'
  | 'draft-created'
  | 'draft-edited'
  | 'evidence-changed'
  | 'draft-approved'
  | 'draft-rejected'
  | 'decision-refused'
  | 'approval-voided'
  | 'case-escalated'
  | 'case-reassigned'
  | 'case-reclassified'
  | 'case-deadline-recomputed'
  | 'holiday-schedule-entered'
  | 'case-reminded'
  | 'follow-up-reminded'
  | 'deadline-escalated'
  | 'answer-posted'
  | 'answer-withdrawn'
  | 'answer-reopened'
  | 'internal-answer-shown'
  | 'original-text-read'
  | 'delivery-failed'
  | 'delivery-refused'
  | 'delivery-retried'
  | 'account-created'
  | 'account-disabled'
  | 'account-role-changed'
  | 'account-change-requested'
  | 'account-change-rejected'
  | 'identity-linked'
  | 'api-key-created'
  | 'api-key-revoked'
  | 'talking-point-proposed'
  | 'talking-point-published'
  | 'talking-point-rejected'
  | 'talking-point-withdrawn'
  | 'sources-ingested';

/**
 * Appends one entry to the hash-chained audit log. Call it inside the transaction that makes the change it records,
 * so the record and the change are kept or lost together. A transaction-level advisory lock orders concurrent
 * writers on a server (each sees the entry before it); unlike a table lock it needs no privilege beyond
 * `GRANT SELECT, INSERT ON audit_log` and does not stand in VACUUM's way.
 */
export async function appendAuditEntry(
  transaction: Queryable,
  entry: {
    caseId: number | null;
    event: AuditEvent;
    actor: string;
    occurredAt: Date;
    details?: Record<string, unknown>;
  },
): Promise<{ sequence: number; hash: string }> {
  await transaction.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.auditChain]);
  const [last] = await transaction.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY sequence DESC LIMIT 1');
  const details = JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>;
  const previousHash = last?.hash ?? GENESIS_HASH;
  const hash = auditEntryHash({ ...entry, details, previousHash });
  // Signed with the key kept outside the database, when one is configured: see audit/audit-key.ts.
  const key = currentAuditKey();
  const [row] = await transaction.query<{ sequence: string }>(
    `INSERT INTO audit_log (case_id, event, actor, occurred_at, details, previous_hash, hash, mac)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING sequence`,
    [
      entry.caseId,
      entry.event,
      entry.actor,
      entry.occurredAt.toISOString(),
      JSON.stringify(details),
      previousHash,
      hash,
      key ? entryMac(key, hash) : null,
    ],
  );
  return { sequence: Number(row!.sequence), hash };
}
