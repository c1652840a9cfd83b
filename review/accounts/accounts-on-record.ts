import { appendAuditEntry } from '../../audit/append-audit-entry.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { actorName, changeRole, createAccount, disableAccount, linkIdentity, type Account } from './accounts.ts';
import type { Role } from './roles.ts';

/**
 * Who makes an account change, and when: a signed-in admin (named in the audit trail by account) or the command line
 * run by whoever holds the server; with a second admin's confirmation, also who asked for it. Every change below is
 * written with its audit entry in one transaction.
 */
export type ChangedBy = { actor: Account | 'cli'; at: Date; requestedBy?: Account };

/** One account change, as an admin asks for it (a new account carries its password's hash, never the password). */
export type AccountChange =
  | { kind: 'create'; username: string; displayName?: string; passwordHash: string; role: Role; unit: string | null }
  | { kind: 'role'; username: string; role: Role; unit: string | null }
  | { kind: 'link'; username: string; surface: string; externalId: string }
  | { kind: 'disable'; username: string };

const actorOf = (by: ChangedBy) => (by.actor === 'cli' ? 'cli' : actorName(by.actor));
const requested = (by: ChangedBy) => (by.requestedBy ? { requestedBy: actorName(by.requestedBy) } : {});

/** Creates an account and records who created it, on the account and in the audit trail. */
export function createAccountOnRecord(
  database: Database,
  options: Parameters<typeof createAccount>[1] & { by: ChangedBy },
): Promise<Account> {
  return database.transaction((transaction) => createInTransaction(transaction, options));
}

/** Disables an account (its sessions end), on record. */
export function disableAccountOnRecord(
  database: Database,
  options: { username: string; by: ChangedBy },
): Promise<Account> {
  return database.transaction((transaction) =>
    applyAccountChange(transaction, { kind: 'disable', ...options }, options.by),
  );
}

/** Changes an account's role and unit, on record with both the old and the new. */
export function changeRoleOnRecord(
  database: Database,
  options: { username: string; role: Role; unit: string | null; by: ChangedBy },
): Promise<Account> {
  return database.transaction((transaction) =>
    applyAccountChange(transaction, { kind: 'role', ...options }, options.by),
  );
}

/** Links a chat-surface user id to an account (decisions there then carry its role), on record. */
export function linkIdentityOnRecord(
  database: Database,
  options: { username: string; surface: string; externalId: string; by: ChangedBy },
): Promise<Account> {
  return database.transaction((transaction) =>
    applyAccountChange(transaction, { kind: 'link', ...options }, options.by),
  );
}

/** Makes one account change with its audit entry, inside the caller's transaction. */
export async function applyAccountChange(
  transaction: Queryable,
  change: AccountChange,
  by: ChangedBy,
): Promise<Account> {
  const audit = (
    event: 'account-disabled' | 'account-role-changed' | 'identity-linked',
    details: Record<string, unknown>,
  ) =>
    appendAuditEntry(transaction, {
      caseId: null,
      event,
      actor: actorOf(by),
      occurredAt: by.at,
      details: { ...details, ...requested(by) },
    });
  switch (change.kind) {
    case 'create':
      return createInTransaction(transaction, { ...change, by });
    case 'disable': {
      const account = await disableAccount(transaction, { username: change.username });
      await audit('account-disabled', { account: actorName(account), role: account.role, unit: account.unit });
      return account;
    }
    case 'role': {
      const { before, after } = await changeRole(transaction, change);
      await audit('account-role-changed', {
        account: actorName(after),
        from: { role: before.role, unit: before.unit },
        to: { role: after.role, unit: after.unit },
      });
      return after;
    }
    case 'link': {
      const account = await linkIdentity(transaction, change);
      await audit('identity-linked', {
        account: actorName(account),
        surface: change.surface,
        externalId: change.externalId,
      });
      return account;
    }
  }
}

async function createInTransaction(
  transaction: Queryable,
  options: Parameters<typeof createAccount>[1] & { by: ChangedBy },
): Promise<Account> {
  const created = await createAccount(transaction, options);
  // The person who chose the identity: the admin who asked for it when another confirmed it.
  const createdBy = options.by.requestedBy ? actorName(options.by.requestedBy) : actorOf(options.by);
  await transaction.query('UPDATE accounts SET created_by = $2 WHERE id = $1', [created.id, createdBy]);
  await appendAuditEntry(transaction, {
    caseId: null,
    event: 'account-created',
    actor: actorOf(options.by),
    occurredAt: options.by.at,
    details: { account: actorName(created), role: created.role, unit: created.unit, ...requested(options.by) },
  });
  return created;
}
