import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { DEFAULTS } from '../config/defaults.ts';
import { HuiyingError } from '../config/huiying-error.ts';
import { encodeBinaryCopy } from './binary-copy.ts';
import { lockDataDirectory } from './data-directory-lock.ts';
import type { BulkInsert, Database, Queryable } from './database.ts';
import { vectorStorageError } from './vector-storage.ts';

type PGliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(connection: PGliteLike, where: string): Queryable {
  // A statement that fails because the vector extension was dropped says so, and what to do.
  const explained = (error: unknown) => vectorStorageError(error, { where }) ?? error;
  return {
    async query<Row>(sql: string, params: ReadonlyArray<unknown> = []) {
      try {
        return (await connection.query<Row>(sql, params as unknown[])).rows;
      } catch (error) {
        throw explained(error);
      }
    },
    async exec(sql: string) {
      await connection.exec(sql).catch((error: unknown) => {
        throw explained(error);
      });
    },
    async bulkInsert(insert: BulkInsert) {
      if (insert.rows.length === 0) return;
      const blob = new Blob([new Uint8Array(encodeBinaryCopy(insert))]);
      const columns = insert.columns.map((column) => column.name).join(', ');
      await connection.query(`COPY ${insert.table} (${columns}) FROM '/dev/blob' WITH (FORMAT binary)`, [], { blob });
    },
  };
}

/** Opens (or creates) an embedded PGlite database with pgvector. `dataDirectory` undefined means in memory. */
export async function openPgliteDatabase(
  options: {
    dataDirectory?: string;
    existing?: PGlite;
    /** PostgreSQL's shared_buffers inside PGlite. @default DEFAULTS.pgliteSharedBuffers.server */
    sharedBuffers?: string;
  } = {},
): Promise<Database & { pglite: PGlite }> {
  let pglite: PGlite;
  if (options.dataDirectory && !options.existing) mkdirSync(options.dataDirectory, { recursive: true });
  const release = options.dataDirectory && !options.existing ? lockDataDirectory(options.dataDirectory) : () => {};
  try {
    if (options.existing) {
      pglite = options.existing;
    } else {
      // The vector extension must be passed every time a data directory is opened (FACTS.md). The default 128MB of
      // shared buffers holds less than a national-size index (about 380MB with its indexes), so searches read pages.
      pglite = await PGlite.create({
        dataDir: options.dataDirectory,
        extensions: { vector },
        startParams: [
          ...PGlite.defaultStartParams,
          '-c',
          `shared_buffers=${options.sharedBuffers ?? DEFAULTS.pgliteSharedBuffers.server}`,
        ],
      });
    }
  } catch (error) {
    release();
    throw new HuiyingError({
      code: 'database-unavailable',
      message: `Could not open the embedded database in ${options.dataDirectory ?? 'memory'}. If another huiying process is using it, stop that process; if the directory was made by another PGlite version, move it aside and run \`huiying ingest\` again.`,
      cause: error,
      details: { dataDirectory: options.dataDirectory },
    });
  }
  const location = `the embedded database in ${options.dataDirectory ?? 'memory'}`;
  const base = wrap(pglite, location);
  // One process owns the data directory (the lock file beside it): locks need only keep two tasks of it apart.
  const held = new Map<number, string>();
  return {
    ...base,
    driver: 'pglite',
    location,
    pglite,
    async tryLock(key, { holder }) {
      const heldBy = held.get(key);
      if (heldBy !== undefined) return { heldBy };
      held.set(key, holder);
      return {
        lock: {
          ensureHeld: async () => held.get(key) === holder,
          release: async () => void held.delete(key),
        },
      };
    },
    transaction: (work) => pglite.transaction((transaction) => work(wrap(transaction, location))),
    close: async () => {
      if (options.existing) return;
      await pglite.close();
      release();
    },
  };
}
