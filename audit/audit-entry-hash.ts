import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** The fields an audit entry's hash covers. */
export type AuditEntryFields = {
  caseId: number | null;
  event: string;
  actor: string;
  occurredAt: Date;
  details: Record<string, unknown>;
  previousHash: string;
};

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the entry's fields and the previous entry's hash, so changing any past entry breaks every later link. */
export function auditEntryHash(entry: AuditEntryFields): string {
  const payload = canonicalJson({
    caseId: entry.caseId,
    event: entry.event,
    actor: entry.actor,
    occurredAt: entry.occurredAt.toISOString(),
    details: entry.details,
    previousHash: entry.previousHash,
  });
  return createHash('sha256').update(payload).digest('hex');
}
