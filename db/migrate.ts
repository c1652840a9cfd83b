import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HuiyingError } from '../config/huiying-error.ts';
import { ADVISORY_LOCKS } from './advisory-locks.ts';
import type { Database } from './database.ts';
import { checkVectorStorage } from './vector-storage.ts';
import { packagePath } from '../config/package-root.ts';

const MIGRATIONS_DIRECTORY = packagePath('db', 'migrations');

/**
 * Applies every migration in db/migrations that is not yet recorded, in order, each in its own transaction. Every
 * step runs under one advisory lock, taken before anything else: processes starting together on an empty database
 * would otherwise race to create `schema_migrations` (a duplicate pg_type row for all but one). Then checks that the
 * vector extension and `chunks.embedding` are there (checkVectorStorage), so a dropped extension is reported at start.
 */
export async function migrate(database: Database): Promise<{ applied: string[] }> {
  const files = readdirSync(MIGRATIONS_DIRECTORY)
    .filter((name) => /^\d{4}_.+\.sql$/.test(name))
    .sort();
  // Every command opens the database; one query tells that nothing is left to apply (the usual case).
  if (await allApplied(database, files)) {
    await checkVectorStorage(database, { where: database.location });
    return { applied: [] };
  }
  await database.transaction(async (transaction) => {
    await transaction.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.migration]);
    await transaction.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
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
  await checkVectorStorage(database, { where: database.location });
  return { applied };
}

async function allApplied(database: Database, files: ReadonlyArray<string>): Promise<boolean> {
  const [table] = await database.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  if (!table?.present) return false;
  const rows = await database.query<{ version: number }>('SELECT version FROM schema_migrations');
  const done = new Set(rows.map((row) => Number(row.version)));
  return files.every((file) => done.has(Number(file.slice(0, 4))));
}
