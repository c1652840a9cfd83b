import { createHmac, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.ts';

const SECRET_KEY = 'pseudonym-secret';

/**
 * A stable pseudonym for a member of the public (the same person on the same surface gets the same one), keyed with
 * a secret kept in the database so a phone number or user id cannot be recovered by trying candidates.
 */
export async function pseudonymise(
  database: Queryable,
  options: { surface: string; authorId: string },
): Promise<string> {
  await database.query('INSERT INTO index_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
    SECRET_KEY,
    randomBytes(32).toString('hex'),
  ]);
  const [row] = await database.query<{ value: string }>('SELECT value FROM index_settings WHERE key = $1', [
    SECRET_KEY,
  ]);
  const digest = createHmac('sha256', row!.value).update(`${options.surface}\u0000${options.authorId}`).digest('hex');
  return `公众-${digest.slice(0, 8)}`;
}
