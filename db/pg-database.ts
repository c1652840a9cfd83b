import pg from 'pg';
import pgvector from 'pgvector';
import { HuiyingError } from '../errors/huiying-error.ts';
import type { BulkInsert, Database, Queryable } from './database.ts';

const CAST: Record<BulkInsert['columns'][number]['type'], string> = { int8: 'bigint', int4: 'integer', text: 'text', vector: 'vector' };
// PostgreSQL allows 65,535 parameters per statement.
const MAX_PARAMETERS = 60_000;

type Client = Pick<pg.PoolClient, 'query'>;

function wrap(client: Client): Queryable {
  return {
    async query<Row>(sql: string, params: ReadonlyArray<unknown> = []) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await client.query(sql);
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
        await client.query(`INSERT INTO ${insert.table} (${names}) VALUES ${tuples.join(', ')}`, params);
      }
    },
  };
}

/** Connects to a PostgreSQL server with the pgvector extension. */
export async function openPgDatabase(options: { connectionString: string; maxConnections?: number }): Promise<Database & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 4 });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new HuiyingError({
      code: 'database-unavailable',
      message: `Could not connect to PostgreSQL at DATABASE_URL (${redact(options.connectionString)}). Check that the server is running and the URL is right, or unset DATABASE_URL to use the embedded database.`,
      cause: error,
    });
  }
  const available = await pool.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
  if (available.rowCount === 0) {
    await pool.end();
    throw new HuiyingError({
      code: 'database-extension-missing',
      message: 'The PostgreSQL server at DATABASE_URL has no pgvector extension. Install pgvector on the server (https://github.com/pgvector/pgvector#installation), or unset DATABASE_URL to use the embedded database.',
    });
  }
  return {
    ...wrap(pool),
    driver: 'pg',
    pool,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function redact(connectionString: string): string {
  return connectionString.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
