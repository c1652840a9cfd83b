import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { HuiyingError } from '../../config/huiying-error.ts';

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Creates an API key for another system (a monitoring system, a hotline); the key is shown once, its hash stored. */
export async function createApiKey(
  database: Queryable,
  options: { name: string },
): Promise<{ id: number; key: string }> {
  const key = `hy_${randomBytes(24).toString('base64url')}`;
  const [row] = await database.query<{ id: string }>(
    'INSERT INTO api_keys (name, key_hash) VALUES ($1, $2) RETURNING id',
    [options.name, hashKey(key)],
  );
  return { id: Number(row!.id), key };
}

/** The name of the live API key, or undefined when the key is unknown or revoked. */
export async function findApiKey(database: Queryable, key: string): Promise<{ id: number; name: string } | undefined> {
  const [row] = await database.query<{ id: string; name: string }>(
    'SELECT id, name FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
    [hashKey(key)],
  );
  return row ? { id: Number(row.id), name: row.name } : undefined;
}

export type ApiKeySummary = { id: number; name: string; createdAt: Date; revokedAt: Date | null };

/** Every API key (never the key itself), oldest first. */
export async function listApiKeys(database: Queryable): Promise<ApiKeySummary[]> {
  const rows = await database.query<{ id: string; name: string; created_at: string; revoked_at: string | null }>(
    'SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY id',
  );
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  }));
}

/**
 * Revokes a live API key, named by its id or by its name (when one live key has it): its next request is refused
 * with 401, since every request looks the key up.
 */
export async function revokeApiKey(
  database: Queryable,
  options: { key: string; now: Date },
): Promise<{ id: number; name: string }> {
  const byId = /^\d{1,12}$/.test(options.key);
  const live = await database.query<{ id: string; name: string }>(
    `SELECT id, name FROM api_keys WHERE revoked_at IS NULL AND ${byId ? 'id = $1::bigint' : 'name = $1'} FOR UPDATE`,
    [options.key],
  );
  if (live.length === 0)
    throw new HuiyingError({
      code: 'usage-invalid',
      message: `There is no live API key "${options.key}". List them with \`huiying key list\`.`,
      chineseMessage: `没有名为“${options.key}”的有效 API 密钥。`,
    });
  if (live.length > 1)
    throw new HuiyingError({
      code: 'usage-invalid',
      message: `${live.length} live API keys are named "${options.key}" (ids ${live.map((row) => row.id).join(', ')}); revoke one by its id.`,
      chineseMessage: `有 ${live.length} 个有效密钥名为“${options.key}”，请按编号吊销。`,
    });
  await database.query('UPDATE api_keys SET revoked_at = $2 WHERE id = $1', [live[0]!.id, options.now.toISOString()]);
  return { id: Number(live[0]!.id), name: live[0]!.name };
}
