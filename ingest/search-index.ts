import type { Embedder } from '../embed/embedder.ts';
import { HuiyingError } from '../config/huiying-error.ts';
import type { Database, Queryable } from '../db/database.ts';

const EMBEDDER_KEY = 'embedder';

/** The HNSW index is built per dimension (pgvector indexes need a fixed size); its name says which. */
export function vectorIndexName(dimensions: number): string {
  return `chunks_embedding_hnsw_${dimensions}`;
}

/** Refuses to mix vectors from two embedders in one index; tells the user to run `huiying reindex`. */
export async function assertEmbedderMatches(database: Queryable, embedder: Embedder): Promise<void> {
  const stored = await storedEmbedder(database);
  if (stored === undefined || stored === embedder.id) return;
  const chunks = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM chunks');
  if ((chunks[0]?.n ?? 0) === 0) return;
  throw new HuiyingError({
    code: 'index-embedder-mismatch',
    message: `The index was built with embedder "${stored}" but huiying is configured for "${embedder.id}". Run \`huiying reindex\` to rebuild it with the configured embedder, or change the configuration back.`,
    details: { stored, configured: embedder.id },
  });
}

export async function storedEmbedder(database: Queryable): Promise<string | undefined> {
  const rows = await database.query<{ value: string }>('SELECT value FROM index_settings WHERE key = $1', [
    EMBEDDER_KEY,
  ]);
  return rows[0]?.value;
}

export async function recordEmbedder(database: Queryable, embedder: Pick<Embedder, 'id'>): Promise<void> {
  await database.query(
    `INSERT INTO index_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [EMBEDDER_KEY, embedder.id],
  );
}

/**
 * How thorough an HNSW graph to build, by how much search relies on the vectors. A model's embeddings rank results
 * (fusion weight 1): pgvector's defaults, m 16 / ef_construction 64. The offline embedder only breaks ties (weight
 * 0.05): m 8 / ef_construction 32 builds the 89k-chunk corpus in 29.6 s instead of 45.7 s (m 12 / 48) with the same
 * hybrid R@10 and R@100 on the dev set (README, "Measured").
 */
export function hnswSettings(embedder: Pick<Embedder, 'fusionWeight'>): { m: number; efConstruction: number } {
  return embedder.fusionWeight < 1 ? { m: 8, efConstruction: 32 } : { m: 16, efConstruction: 64 };
}

/** Builds the HNSW index if it is missing. Building once after a bulk load is much faster than growing it row by row. */
export async function ensureVectorIndex(
  database: Database,
  embedder: Pick<Embedder, 'dimensions' | 'fusionWeight'>,
): Promise<{ built: boolean }> {
  const name = vectorIndexName(embedder.dimensions);
  const exists = await database.query('SELECT 1 FROM pg_indexes WHERE indexname = $1', [name]);
  if (exists.length > 0) return { built: false };
  const { m, efConstruction } = hnswSettings(embedder);
  await database.transaction(async (transaction) => {
    // The 64MB default is too small for a corpus-sized graph and makes the build spill (FACTS.md). SET LOCAL, in the
    // transaction that builds: a plain SET would land on whichever pooled connection was free, and stay there.
    await transaction.exec(`SET LOCAL maintenance_work_mem = '512MB'`);
    await transaction.exec(
      `CREATE INDEX ${name} ON chunks USING hnsw ((embedding::vector(${embedder.dimensions})) vector_cosine_ops) WITH (m = ${m}, ef_construction = ${efConstruction})`,
    );
  });
  return { built: true };
}

/** Drops every HNSW index (before a reindex or a large first load). */
export async function dropVectorIndexes(database: Queryable): Promise<void> {
  const indexes = await database.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE indexname LIKE 'chunks_embedding_hnsw_%'`,
  );
  for (const index of indexes) await database.exec(`DROP INDEX IF EXISTS ${index.indexname}`);
}

/** Recomputes each term's document frequency over the chunks of current documents (used to weight query terms). */
export async function rebuildLexicon(database: Database): Promise<{ terms: number }> {
  return database.transaction(async (transaction) => {
    await transaction.exec('DELETE FROM lexicon');
    await transaction.exec(`INSERT INTO lexicon (term, document_frequency)
      SELECT word, ndoc FROM ts_stat($$SELECT c.tsv FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.status = 'current'$$)`);
    // The number of chunks the frequencies were counted over (the N in each term's IDF) and their average length in terms
    // (index terms are joined by single spaces: string_to_array, 0.9 s over 89k chunks, where a regular expression took 5 s).
    await transaction.exec(`INSERT INTO index_settings (key, value)
      SELECT key, value FROM (
        SELECT count(*)::text AS chunks,
               COALESCE(avg(array_length(string_to_array(trim(c.title_terms || ' ' || c.body_terms), ' '), 1)), 1)::text AS average_length
        FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.status = 'current'
      ) stats, LATERAL (VALUES ('lexicon_chunks', stats.chunks), ('lexicon_average_length', stats.average_length)) AS pairs(key, value)
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
    const count = await transaction.query<{ n: number }>('SELECT count(*)::int AS n FROM lexicon');
    return { terms: count[0]?.n ?? 0 };
  });
}

/**
 * After a load: merges the GIN index's pending list (otherwise every keyword lookup scans it) and refreshes planner
 * statistics (otherwise the planner, expecting empty tables, skips the HNSW index).
 */
export async function optimiseSearchIndexes(database: Queryable): Promise<void> {
  await database.query(`SELECT gin_clean_pending_list('chunks_tsv'::regclass)`);
  await database.query('ANALYZE chunks');
  await database.query('ANALYZE documents');
  await database.query('ANALYZE lexicon');
}
