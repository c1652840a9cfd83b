import pg from 'pg';
import pgvector from 'pgvector';
import { HuiyingError } from '../config/huiying-error.ts';
import { ConnectionOutage, isConnectionFailure } from './connection-outage.ts';
import type { BulkInsert, Database, Queryable } from './database.ts';
import { vectorStorageError } from './vector-storage.ts';

const CAST: Record<BulkInsert['columns'][number]['type'], string> = {
  int8: 'bigint',
  int4: 'integer',
  text: 'text',
  vector: 'vector',
};
const INSUFFICIENT_PRIVILEGE = '42501';
// PostgreSQL allows 65,535 parameters per statement.
const MAX_PARAMETERS = 60_000;

type Client = Pick<pg.PoolClient, 'query'>;

function wrap(client: Client, outage: ConnectionOutage, where: string): Queryable {
  // Any answer from the server, even an error in the statement, shows it is reachable; a lost connection is an outage.
  // A statement that fails because the vector extension was dropped says so, and what to do.
  const run = async (sql: string, params?: unknown[]) => {
    try {
      const result = params ? await client.query(sql, params) : await client.query(sql);
      outage.succeeded();
      return result;
    } catch (error) {
      if (isConnectionFailure(error)) throw outage.failed(error);
      outage.succeeded();
      throw vectorStorageError(error, { where }) ?? error;
    }
  };
  return {
    async query<Row>(sql: string, params: ReadonlyArray<unknown> = []) {
      const result = await run(sql, params as unknown[]);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await run(sql);
    },
    async bulkInsert(insert: BulkInsert) {
      // COPY FROM STDIN would be faster, but it hangs through pglite-socket (FACTS.md); batched INSERT works everywhere.
      const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMETERS / insert.columns.length));
      const names = insert.columns.map((column) => column.name).join(', ');
      for (let start = 0; start < insert.rows.length; start += rowsPerStatement) {
        const batch = insert.rows.slice(start, start + rowsPerStatement);
        const params: unknown[] = [];
        const tuples = batch.map((row) => {
          const placeholders = insert.columns.map((column, index) => {
            const value = row[index];
            params.push(column.type === 'vector' && Array.isArray(value) ? pgvector.toSql(value) : value);
            return `$${params.length}::${CAST[column.type]}`;
          });
          return `(${placeholders.join(', ')})`;
        });
        await run(`INSERT INTO ${insert.table} (${names}) VALUES ${tuples.join(', ')}`, params);
      }
    },
  };
}

/**
 * Connects to a PostgreSQL server with the pgvector extension. The process outlives the server: while it is stopped
 * or restarting, statements fail with `database-unavailable` (logged once per outage, through `log`), and the pool
 * reconnects by itself when it is back.
 */
export async function openPgDatabase(options: {
  connectionString: string;
  maxConnections?: number;
  /** Where the start and end of an outage are reported. @default console.error */
  log?: (line: string) => void;
}): Promise<Database & { pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 4,
    // Without a timeout, a request waits for ever on a server that does not answer; keep-alive finds dead sockets.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    application_name: 'huiying',
    // huiying's statements are many and small; starting parallel workers costs more than they save: the keyword
    // statement's workers did 4 ms of work each, and `huiying bench` on the full corpus gave search p50 88 -> 41 ms
    // without them (README, "Deployment on PostgreSQL"). Index builds use max_parallel_maintenance_workers, left alone.
    options: '-c max_parallel_workers_per_gather=0',
  });
  const outage = new ConnectionOutage({
    target: redact(options.connectionString),
    log: options.log ?? ((line) => console.error(line)),
  });
  // An idle connection the server drops (a restart) emits 'error'; unhandled, it would end the process.
  pool.on('error', (error) => void outage.failed(error));
  let identity: { database: string; role: string };
  try {
    const { rows } = await pool.query<{ database: string; role: string }>(
      'SELECT current_database() AS database, current_user AS role',
    );
    identity = rows[0]!;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new HuiyingError({
      code: 'database-unavailable',
      message: `Could not connect to PostgreSQL at DATABASE_URL (${redact(options.connectionString)}). Check that the server is running and the URL is right, or unset DATABASE_URL to use the embedded database.`,
      cause: error,
    });
  }
  const available = await pool.query<{ default_version: string; installed_version: string | null }>(
    `SELECT default_version, installed_version FROM pg_available_extensions WHERE name = 'vector'`,
  );
  const extension = available.rows[0];
  if (!extension) {
    await pool.end();
    throw new HuiyingError({
      code: 'database-extension-missing',
      message:
        'The PostgreSQL server at DATABASE_URL has no pgvector extension. Install pgvector on the server (https://github.com/pgvector/pgvector#installation), or unset DATABASE_URL to use the embedded database.',
    });
  }
  const problem = pgvectorVersionProblem(extension);
  if (problem) {
    await pool.end();
    throw new HuiyingError({ code: 'database-extension-outdated', message: problem });
  }
  const location = `database "${identity.database}" at ${redact(options.connectionString)}`;
  // Available on the server is not enough: it must be installed in this database, which only a superuser may do.
  if (!extension.installed_version) {
    try {
      await pool.query('CREATE EXTENSION IF NOT EXISTS vector');
    } catch (error) {
      await pool.end();
      if ((error as { code?: unknown }).code !== INSUFFICIENT_PRIVILEGE) throw error;
      throw new HuiyingError({
        code: 'database-extension-missing',
        message: `pgvector ${extension.default_version} is on the server but not installed in database "${identity.database}", and the role "${identity.role}" may not install it (pgvector is not a trusted extension). Ask a superuser to run \`CREATE EXTENSION vector;\` in database "${identity.database}" (for example \`psql -U postgres -d ${identity.database} -c 'CREATE EXTENSION vector;'\`), then start huiying again.`,
        cause: error,
      });
    }
  }
  const connect = async () => {
    try {
      return await pool.connect();
    } catch (error) {
      throw isConnectionFailure(error) ? outage.failed(error) : error;
    }
  };
  return {
    ...wrap(pool, outage, location),
    driver: 'pg',
    location,
    pool,
    async transaction(work) {
      const client = await connect();
      // The pool listens only to idle clients: one held here that loses its server must be listened to as well.
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost = error;
        outage.failed(error);
      };
      client.on('error', onError);
      const connection = wrap(client, outage, location);
      let broken = false;
      try {
        await connection.exec('BEGIN');
        const result = await work(connection);
        // A connection lost during COMMIT leaves its outcome unknown: callers that retry check what is stored.
        await connection.exec('COMMIT');
        return result;
      } catch (error) {
        broken = lost !== undefined || isConnectionFailure(error);
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        throw lost && !isConnectionFailure(error) ? outage.failed(lost) : error;
      } finally {
        client.off('error', onError);
        // A broken client is destroyed, not handed to the next caller.
        client.release(broken || lost !== undefined);
      }
    },
    async tryLock(key, { holder }) {
      let held = await takeSessionLock({ connect, outage, key, holder });
      if (!held) return lockHolder(pool, key);
      return {
        lock: {
          async ensureHeld() {
            if (held && !held.lost()) return true;
            held?.client.release(true);
            held = undefined;
            held = await takeSessionLock({ connect, outage, key, holder });
            return held !== undefined;
          },
          async release() {
            // Ending the session releases its advisory locks (and the name it was given).
            held?.client.release(true);
            held = undefined;
          },
        },
      };
    },
    close: () => pool.end(),
  };
}

// A session-level advisory lock on a connection of its own, named after its holder so that others can say who it is.
async function takeSessionLock(options: {
  connect: () => Promise<pg.PoolClient>;
  outage: ConnectionOutage;
  key: number;
  holder: string;
}): Promise<{ client: pg.PoolClient; lost: () => boolean } | undefined> {
  const client = await options.connect();
  let lost = false;
  client.on('error', (error) => {
    lost = true;
    options.outage.failed(error);
  });
  try {
    const [row] = (await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [options.key]))
      .rows;
    if (!row?.locked) {
      client.release();
      return undefined;
    }
    await client.query(`SELECT set_config('application_name', $1, false)`, [options.holder.slice(0, 63)]);
    return { client, lost: () => lost };
  } catch (error) {
    client.release(true);
    throw isConnectionFailure(error) ? options.outage.failed(error) : error;
  }
}

async function lockHolder(pool: pg.Pool, key: number): Promise<{ heldBy: string; since?: Date }> {
  const { rows } = await pool.query<{ application_name: string | null; backend_start: Date | null }>(
    `SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objid::bigint = $1
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [key],
  );
  const [row] = rows;
  return { heldBy: row?.application_name || 'another process', since: row?.backend_start ?? undefined };
}

// HNSW indexes need pgvector 0.5; filtered vector search relies on iterative index scans (hnsw.iterative_scan), 0.8.
const MINIMUM_PGVECTOR = [0, 8, 0] as const;

/**
 * Why the server's pgvector cannot serve huiying, or undefined when it can. The version that counts is the one
 * installed in the database if there is one (an older installation must be updated), else the one it would install.
 */
export function pgvectorVersionProblem(extension: {
  default_version: string;
  installed_version: string | null;
}): string | undefined {
  const minimum = MINIMUM_PGVECTOR.join('.');
  const installed = extension.installed_version;
  if (installed && olderThanMinimum(installed)) {
    const update = 'run ALTER EXTENSION vector UPDATE; in that database as its owner';
    const fix = olderThanMinimum(extension.default_version)
      ? `Upgrade pgvector on the server (it offers ${extension.default_version}), then ${update}`
      : `The server offers ${extension.default_version}: ${update}`;
    return `The database at DATABASE_URL has pgvector ${installed} installed; huiying needs ${minimum} or newer. ${fix}; or unset DATABASE_URL to use the embedded database.`;
  }
  if (!installed && olderThanMinimum(extension.default_version)) {
    return `The PostgreSQL server at DATABASE_URL offers pgvector ${extension.default_version}; huiying needs ${minimum} or newer (HNSW indexes with iterative scans). Upgrade pgvector on the server (https://github.com/pgvector/pgvector#installation), or unset DATABASE_URL to use the embedded database.`;
  }
  return undefined;
}

function olderThanMinimum(version: string): boolean {
  const parts = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (const [index, minimum] of MINIMUM_PGVECTOR.entries()) {
    const part = parts[index] ?? 0;
    if (part !== minimum) return part < minimum;
  }
  return false;
}

function redact(connectionString: string): string {
  return connectionString.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
