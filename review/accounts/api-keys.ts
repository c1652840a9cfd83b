import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';

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
