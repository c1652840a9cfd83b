import { appendAuditEntry } from '../../audit/append-audit-entry.ts';
import { HuiyingError } from '../../config/huiying-error.ts';
import type { Database } from '../../db/database.ts';
import { actorName, disableAccount, type Account } from './accounts.ts';
import { revokeApiKey } from './api-keys.ts';

/**
 * Disables an account, on the record: it can no longer sign in or decide (in the console or through a linked chat
 * id), its sessions end at once, and its history stays. The last active admin is kept, so that someone can still
 * manage accounts. `actor` is who did it: an admin's account name, or `cli` for the operator at the server.
 */
export async function disableAccountOnRecord(
  database: Database,
  options: { username: string; actor: string; now: Date },
): Promise<Account> {
  return database.transaction(async (transaction) => {
    const account = await disableAccount(transaction, { username: options.username });
    if (account.role === 'admin') {
      const [left] = await transaction.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM accounts WHERE role = 'admin' AND NOT disabled`,
      );
      if ((left?.count ?? 0) === 0)
        throw new HuiyingError({
          code: 'usage-invalid',
          message: `"${account.username}" is the last active admin; add another admin before disabling this one.`,
          chineseMessage: `“${account.username}”是最后一个在用的管理员账号，请先新增一名管理员再停用。`,
        });
    }
    await appendAuditEntry(transaction, {
      caseId: null,
      event: 'account-disabled',
      actor: options.actor,
      occurredAt: options.now,
      details: { account: actorName(account), role: account.role },
    });
    return account;
  });
}

/** Revokes an API key (by id, or by a name only one live key has), on the record; its next request gets 401. */
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
