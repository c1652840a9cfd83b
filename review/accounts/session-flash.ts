import type { Queryable } from '../../db/database.ts';
import { hashToken } from './sessions.ts';

/**
 * What a form post leaves for the page its redirect opens: a notice or an error to show once, the fields to fill in
 * again after a refusal (never a password), and results that page shows (the text an approver asked to read, a staff
 * answer).
 */
export type Flash = {
  notice?: string;
  error?: string;
  fields?: Record<string, string>;
  original?: { caseId: number; text: string };
  staffAnswer?: { caseId: number };
};

/** Keeps `flash` for the session's next page, replacing one that was never shown. */
export async function setFlash(database: Queryable, options: { token: string; flash: Flash }): Promise<void> {
  await database.query('UPDATE sessions SET flash = $2::jsonb WHERE token_hash = $1', [
    hashToken(options.token),
    JSON.stringify(options.flash),
  ]);
}

/** The session's flash, cleared in the same statement: it is shown once, even to two tabs loading at once. */
export async function takeFlash(database: Queryable, token: string): Promise<Flash> {
  const [row] = await database.query<{ flash: Flash | string | null }>(
    `WITH taken AS (SELECT token_hash, flash FROM sessions WHERE token_hash = $1 AND flash IS NOT NULL FOR UPDATE)
     UPDATE sessions s SET flash = NULL FROM taken WHERE s.token_hash = taken.token_hash RETURNING taken.flash`,
    [hashToken(token)],
  );
  if (!row?.flash) return {};
  return typeof row.flash === 'string' ? (JSON.parse(row.flash) as Flash) : row.flash;
}
