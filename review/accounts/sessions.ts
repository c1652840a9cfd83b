import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { findAccount, type Account } from './accounts.ts';

const SESSION_HOURS = 12;

export type Session = { account: Account; csrfToken: string };

/** How a session token is stored: only its hash, so the table cannot be used to sign in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session; the returned token goes in an HttpOnly cookie, only its hash is stored. */
export async function startSession(
  database: Queryable,
  options: { accountId: number; now: Date },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(options.now.getTime() + SESSION_HOURS * 3_600_000);
  // Expired sessions are useless; signing in is a cheap moment to clear them.
  await database.query('DELETE FROM sessions WHERE expires_at <= $1', [options.now.toISOString()]);
  await database.query(
    'INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)',
    [hashToken(token), options.accountId, csrfToken, expiresAt.toISOString()],
  );
  return { token, csrfToken };
}

/** The live session for a cookie token, or undefined when it is unknown or expired. */
export async function findSession(
  database: Queryable,
  options: { token: string; now: Date },
): Promise<Session | undefined> {
  const [row] = await database.query<{ account_id: string; csrf_token: string }>(
    'SELECT account_id, csrf_token FROM sessions WHERE token_hash = $1 AND expires_at > $2',
    [hashToken(options.token), options.now.toISOString()],
  );
  if (!row) return undefined;
  const account = await findAccount(database, Number(row.account_id));
  return account ? { account, csrfToken: row.csrf_token } : undefined;
}

export async function endSession(database: Queryable, token: string): Promise<void> {
  await database.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}
