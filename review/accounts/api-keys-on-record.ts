import { appendAuditEntry } from '../../audit/append-audit-entry.ts';
import type { Database } from '../../db/database.ts';
import { revokeApiKey } from './api-keys.ts';

/**
 * Revokes an API key (by id, or by a name only one live key has), with its audit entry: its next request gets 401.
 * `actor` is who did it: an admin's account name, or `cli` for the operator at the server. Revoking takes access
 * away and never gives any, so it is done at once, even where other account changes wait for a second admin.
 */
export async function revokeApiKeyOnRecord(
  database: Database,
  options: { key: string; actor: string; now: Date },
): Promise<{ id: number; name: string }> {
  return database.transaction(async (transaction) => {
    const revoked = await revokeApiKey(transaction, { key: options.key, now: options.now });
    await appendAuditEntry(transaction, {
      caseId: null,
      event: 'api-key-revoked',
      actor: options.actor,
      occurredAt: options.now,
      details: { name: revoked.name, id: revoked.id },
    });
    return revoked;
  });
}
