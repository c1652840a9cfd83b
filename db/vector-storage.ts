import { HuiyingError } from '../config/huiying-error.ts';
import type { Queryable } from './database.ts';

const UNDEFINED_FUNCTION = '42883';
const UNDEFINED_COLUMN = '42703';
const UNDEFINED_OBJECT = '42704';

/**
 * Checks, after the migrations, that what vectors need is in this database: the vector extension installed (not
 * only available on the server) and the column `chunks.embedding`. `DROP EXTENSION vector CASCADE` removes both (and
 * the HNSW indexes); without this check every search and ingest would fail with an error no one could act on.
 * `where` names the database in the message ("database "huiying"", "the embedded database in ./data").
 */
export async function checkVectorStorage(database: Queryable, options: { where: string }): Promise<void> {
  const [row] = await database.query<{ installed: string | null; embedding: string | null }>(
    `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS installed,
            (SELECT format_type(atttypid, atttypmod) FROM pg_attribute
              WHERE attrelid = to_regclass('chunks') AND attname = 'embedding' AND NOT attisdropped) AS embedding`,
  );
  if (!row?.installed) throw extensionGone(options.where);
  if (row.embedding !== 'vector') throw embeddingColumnGone(options.where);
}

/**
 * The error to throw instead of a driver's when a statement failed because the vector extension or the embedding
 * column is gone (dropped while huiying runs); undefined for any other error.
 */
export function vectorStorageError(error: unknown, options: { where: string }): HuiyingError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const { message } = error;
  if (code === UNDEFINED_OBJECT && /type "vector" does not exist/.test(message)) return extensionGone(options.where);
  if (code === UNDEFINED_FUNCTION && /vector/.test(message)) return extensionGone(options.where);
  if (code === UNDEFINED_COLUMN && /"embedding"/.test(message)) return embeddingColumnGone(options.where);
  return undefined;
}

function extensionGone(where: string): HuiyingError {
  return new HuiyingError({
    code: 'database-extension-missing',
    message: `The vector extension is not installed in ${where} (was \`DROP EXTENSION vector CASCADE\` run?). Ask a superuser to run \`CREATE EXTENSION vector;\` in ${where}, then start huiying again; if chunks.embedding went with it, huiying then says how to rebuild it.`,
  });
}

function embeddingColumnGone(where: string): HuiyingError {
  return new HuiyingError({
    code: 'database-extension-missing',
    message: `The column chunks.embedding is missing in ${where}: it is dropped with the vector extension (\`DROP EXTENSION vector CASCADE\`). Restore a backup, or run \`ALTER TABLE chunks ADD COLUMN embedding vector;\` in ${where} and then \`huiying reindex\`, which recomputes every passage's vector, before serving again.`,
  });
}
