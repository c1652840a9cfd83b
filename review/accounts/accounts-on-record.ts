import { appendAuditEntry } from '../../audit/append-audit-entry.ts';
import type { Database } from '../../db/database.ts';
import { actorName, changeRole, createAccount, disableAccount, linkIdentity, type Account } from './accounts.ts';
import type { Role } from './roles.ts';

/**
 * Who makes an account change, and when: a signed-in admin (named in the audit trail by account) or the command line
 * run by whoever holds the server. Every change below is written with its audit entry in one transaction.
 */
export type ChangedBy = { actor: Account | 'cli'; at: Date };

const actorOf = (by: ChangedBy) => (by.actor === 'cli' ? 'cli' : actorName(by.actor));

/** Creates an account and records who created it, on the account and in the audit trail. */
export async function createAccountOnRecord(
  database: Database,
  options: Parameters<typeof createAccount>[1] & { by: ChangedBy },
): Promise<Account> {
  return database.transaction(async (transaction) => {
    const created = await createAccount(transaction, options);
    await transaction.query('UPDATE accounts SET created_by = $2 WHERE id = $1', [created.id, actorOf(options.by)]);
    await appendAuditEntry(transaction, {
      caseId: null,
      event: 'account-created',
      actor: actorOf(options.by),
      occurredAt: options.by.at,
      details: { account: actorName(created), role: created.role, unit: created.unit },
    });
    return created;
  });
}

/** Disables an account (its sessions end), on record. */
export async function disableAccountOnRecord(
  database: Database,
  options: { username: string; by: ChangedBy },
): Promise<Account> {
  return database.transaction(async (transaction) => {
    const account = await disableAccount(transaction, { username: options.username });
    await appendAuditEntry(transaction, {
      caseId: null,
      event: 'account-disabled',
      actor: actorOf(options.by),
      occurredAt: options.by.at,
      details: { account: actorName(account), role: account.role, unit: account.unit },
    });
    return account;
  });
}

/** Changes an account's role and unit, on record with both the old and the new. */
export async function changeRoleOnRecord(
  database: Database,
  options: { username: string; role: Role; unit: string | null; by: ChangedBy },
): Promise<Account> {
  return database.transaction(async (transaction) => {
    const { before, after } = await changeRole(transaction, options);
    await appendAuditEntry(transaction, {
      caseId: null,
      event: 'account-role-changed',
      actor: actorOf(options.by),
      occurredAt: options.by.at,
      details: {
        account: actorName(after),
        from: { role: before.role, unit: before.unit },
        to: { role: after.role, unit: after.unit },
      },
    });
    return after;
  });
}

/** Links a chat-surface user id to an account (decisions there then carry its role), on record. */
export async function linkIdentityOnRecord(
  database: Database,
  options: { username: string; surface: string; externalId: string; by: ChangedBy },
): Promise<Account> {
  return database.transaction(async (transaction) => {
    const account = await linkIdentity(transaction, options);
    await appendAuditEntry(transaction, {
      caseId: null,
      event: 'identity-linked',
      actor: actorOf(options.by),
      occurredAt: options.by.at,
      details: { account: actorName(account), surface: options.surface, externalId: options.externalId },
    });
    return account;
  });
}
