import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HuiyingError } from '../config/huiying-error.ts';
import { ADVISORY_LOCKS } from './advisory-locks.ts';
import type { Database } from './database.ts';

const MIGRATIONS_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Applies every migration in db/migrations that is not yet recorded, in order, each in its own transaction. Every
 * step runs under one advisory lock, taken before anything else: processes starting together on an empty database
 * would otherwise race to create `schema_migrations` (a duplicate pg_type row for all but one).
 */
export async function migrate(database: Database): Promise<{ applied: string[] }> {
  await database.transaction(async (transaction) => {
    await transaction.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.migration]);
    await transaction.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const files = readdirSync(MIGRATIONS_DIRECTORY)
    .filter((name) => /^\d{4}_.+\.sql$/.test(name))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 4));
    await database.transaction(async (transaction) => {
      await transaction.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.migration]);
      const done = await transaction.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
      if (done.length > 0) return;
      try {
        await transaction.exec(readFileSync(join(MIGRATIONS_DIRECTORY, file), 'utf8'));
      } catch (error) {
        throw new HuiyingError({
          code: 'migration-failed',
          message: `Migration ${file} failed: ${(error as Error).message}. Nothing from it was applied; fix the cause and start huiying again.`,
          cause: error,
          details: { file },
        });
      }
      await transaction.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, file]);
      applied.push(file);
    });
  }
  return { applied };
}
