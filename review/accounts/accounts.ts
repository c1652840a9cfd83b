import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { HuiyingError } from '../../config/huiying-error.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { ROLES, type Role } from './roles.ts';

export type Account = { id: number; username: string; displayName: string; role: Role; unit: string | null };

type AccountRow = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit: string | null;
  password_hash: string;
  disabled: boolean;
};

const MINIMUM_PASSWORD_LENGTH = 8;

function toAccount(row: AccountRow): Account {
  return { id: Number(row.id), username: row.username, displayName: row.display_name, role: row.role, unit: row.unit };
}

type NewAccount = { username: string; displayName?: string; role: Role; unit?: string | null };

/** Refuses a username, role or password a new account may not have, saying why (also before a change is confirmed). */
export function checkNewAccount(options: NewAccount & { password?: string }): void {
  if (!/^[\p{L}\p{N}._-]{2,40}$/u.test(options.username)) {
    throw new HuiyingError({
      code: 'usage-invalid',
      message: `Username "${options.username}" is not allowed: use 2 to 40 letters, digits, dots, dashes or underscores.`,
      chineseMessage: `用户名“${options.username}”不可用：请使用 2 至 40 个字母、数字、点、短横线或下划线。`,
    });
  }
  if (!ROLES.includes(options.role)) {
    throw new HuiyingError({
      code: 'usage-invalid',
      message: `Unknown role "${options.role}": choose one of ${ROLES.join(', ')}.`,
      chineseMessage: `未知角色“${options.role}”，请从列表中选择。`,
    });
  }
  if (options.password !== undefined && options.password.length < MINIMUM_PASSWORD_LENGTH) {
    throw new HuiyingError({
      code: 'usage-invalid',
      message: `The password must have at least ${MINIMUM_PASSWORD_LENGTH} characters.`,
      chineseMessage: `密码至少需要 ${MINIMUM_PASSWORD_LENGTH} 个字符。`,
    });
  }
}

/**
 * Creates a local account with a hashed password (or a hash made earlier, when a second admin confirms a new
 * account another admin asked for: the password is never kept in the clear).
 */
export async function createAccount(
  database: Queryable,
  options: NewAccount & ({ password: string } | { passwordHash: string }),
): Promise<Account> {
  checkNewAccount({ ...options, password: 'password' in options ? options.password : undefined });
  const existing = await database.query('SELECT 1 FROM accounts WHERE username = $1', [options.username]);
  if (existing.length > 0)
    throw new HuiyingError({
      code: 'usage-invalid',
      message: `An account named "${options.username}" already exists.`,
      chineseMessage: `用户名“${options.username}”已被使用。`,
    });
  const [row] = await database.query<AccountRow>(
    'INSERT INTO accounts (username, display_name, password_hash, role, unit) VALUES ($1, $2, $3, $4, $5) RETURNING *',
    [
      options.username,
      options.displayName ?? options.username,
      'password' in options ? await hashPassword(options.password) : options.passwordHash,
      options.role,
      options.unit ?? null,
    ],
  );
  return toAccount(row!);
}

// A hash no password matches, checked for usernames that have no (live) account: the answer then takes as long as
// a wrong password does, so the response time does not tell which usernames exist.
let unknownAccountHash: Promise<string> | undefined;

/** The account with this username and password, or undefined (also for disabled accounts, in the same time). */
export async function authenticate(
  database: Queryable,
  options: { username: string; password: string },
): Promise<Account | undefined> {
  const [row] = await database.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [options.username]);
  if (!row || row.disabled) {
    unknownAccountHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(options.password, await unknownAccountHash);
    return undefined;
  }
  return (await verifyPassword(options.password, row.password_hash)) ? toAccount(row) : undefined;
}

export async function findAccount(database: Queryable, id: number): Promise<Account | undefined> {
  const [row] = await database.query<AccountRow>('SELECT * FROM accounts WHERE id = $1 AND NOT disabled', [id]);
  return row ? toAccount(row) : undefined;
}

/** The account a chat-surface user (a Slack or Discord id) is linked to. */
export async function findAccountByIdentity(
  database: Queryable,
  options: { surface: string; externalId: string },
): Promise<Account | undefined> {
  const [row] = await database.query<AccountRow>(
    'SELECT a.* FROM account_identities i JOIN accounts a ON a.id = i.account_id WHERE i.surface = $1 AND i.external_id = $2 AND NOT a.disabled',
    [options.surface, options.externalId],
  );
  return row ? toAccount(row) : undefined;
}

export async function listAccounts(database: Queryable): Promise<Account[]> {
  return (await database.query<AccountRow>('SELECT * FROM accounts WHERE NOT disabled ORDER BY id')).map(toAccount);
}

/** An account as 账号管理 shows it: who created it and when, and the chat users linked to it. */
export type AccountDetails = Account & { createdBy: string | null; createdAt: Date; identities: string[] };

/** Active accounts with their history and linked chat users, for the admins' page. */
export async function listAccountDetails(database: Queryable): Promise<AccountDetails[]> {
  const rows = await database.query<
    AccountRow & { created_by: string | null; created_at: string; identities: string[] }
  >(
    `SELECT a.*, COALESCE(array_agg(i.surface || ':' || i.external_id ORDER BY i.surface, i.external_id) FILTER (WHERE i.surface IS NOT NULL), '{}') AS identities
     FROM accounts a LEFT JOIN account_identities i ON i.account_id = a.id
     WHERE NOT a.disabled GROUP BY a.id ORDER BY a.id`,
  );
  return rows.map((row) => ({
    ...toAccount(row),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    identities: row.identities,
  }));
}

/** The accounts that were disabled (their history stays on record under their names). */
export async function listDisabledAccounts(database: Queryable): Promise<Account[]> {
  return (await database.query<AccountRow>('SELECT * FROM accounts WHERE disabled ORDER BY id')).map(toAccount);
}

/** How the audit log names a person: stable id plus username. */
export function actorName(account: Pick<Account, 'id' | 'username'>): string {
  return `account:${account.id}:${account.username}`;
}

export async function countAccounts(database: Queryable): Promise<number> {
  const [row] = await database.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM accounts WHERE NOT disabled',
  );
  return row?.count ?? 0;
}

/** Links a chat-surface user id (Slack `U…`, Discord snowflake) to an account, so decisions made there carry its role. */
export async function linkIdentity(
  database: Queryable,
  options: { username: string; surface: string; externalId: string },
): Promise<Account> {
  const [row] = await database.query<AccountRow>('SELECT * FROM accounts WHERE username = $1 AND NOT disabled', [
    options.username,
  ]);
  if (!row)
    throw new HuiyingError({
      code: 'usage-invalid',
      message: `There is no account "${options.username}". List them with \`huiying user list\`.`,
    });
  await database.query(
    'INSERT INTO account_identities (surface, external_id, account_id) VALUES ($1, $2, $3) ON CONFLICT (surface, external_id) DO UPDATE SET account_id = EXCLUDED.account_id',
    [options.surface, options.externalId, row.id],
  );
  return toAccount(row);
}

/** Gives an active account another role and unit (null: every unit); its sessions carry the new role at once. */
export async function changeRole(
  database: Queryable,
  options: { username: string; role: Role; unit: string | null },
): Promise<{ before: Account; after: Account }> {
  if (!ROLES.includes(options.role))
    throw new HuiyingError({
      code: 'usage-invalid',
      message: `Unknown role "${options.role}": choose one of ${ROLES.join(', ')}.`,
      chineseMessage: `未知角色“${options.role}”，请从列表中选择。`,
    });
  const [before] = await database.query<AccountRow>(
    'SELECT * FROM accounts WHERE username = $1 AND NOT disabled FOR UPDATE',
    [options.username],
  );
  if (!before) throw noActiveAccount(options.username);
  const [after] = await database.query<AccountRow>(
    'UPDATE accounts SET role = $2, unit = $3 WHERE id = $1 RETURNING *',
    [before.id, options.role, options.unit],
  );
  return { before: toAccount(before), after: toAccount(after!) };
}

/** Disables an account (someone who left or changed role): it can no longer sign in or decide, and its sessions end. */
export async function disableAccount(database: Queryable, options: { username: string }): Promise<Account> {
  const [row] = await database.query<AccountRow>(
    'UPDATE accounts SET disabled = true WHERE username = $1 AND NOT disabled RETURNING *',
    [options.username],
  );
  if (!row) throw noActiveAccount(options.username);
  await database.query('DELETE FROM sessions WHERE account_id = $1', [row.id]);
  return toAccount(row);
}

function noActiveAccount(username: string): HuiyingError {
  return new HuiyingError({
    code: 'usage-invalid',
    message: `There is no active account "${username}". List them with \`huiying user list\`.`,
    chineseMessage: `没有名为“${username}”的在用账号。`,
  });
}
