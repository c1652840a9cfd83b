import { resolve } from 'node:path';
import { readAuditKeyFile, useAuditKey } from '../audit/audit-key.ts';
import { loadConfig, type HuiyingConfig } from '../config/load-config.ts';
import type { Database } from '../db/database.ts';
import { openDatabase, type DatabaseWorkload } from '../db/open-database.ts';
import type { Embedder } from '../embed/embedder.ts';

export type Context = { config: HuiyingConfig; database: Database; embedder: Embedder; close: () => Promise<void> };

export type OpenContextOptions = {
  /** An embedded database of its own in this folder (from --data-dir), instead of DATABASE_URL or HUIYING_DATA_DIR. */
  dataDirectory?: string;
  /** A PostgreSQL database of its own (from eval's and bench's --database-url), instead of the configured one. */
  databaseUrl?: string;
  /** @default 'server' (see openDatabase) */
  workload?: DatabaseWorkload;
  /** Whether the command searches, ingests or drafts; loading the embedder loads the segmenter. @default true */
  embedder?: boolean;
};

/**
 * Loads the configuration and opens the configured database (through the one database factory) and embedder.
 * eval and bench pass a data directory of their own, so they never touch the production database.
 */
export async function openContext(
  options: OpenContextOptions & { environment: Readonly<Record<string, string | undefined>> },
): Promise<Context> {
  const loaded = loadConfig({ environment: options.environment });
  const config: HuiyingConfig = options.databaseUrl
    ? Object.freeze({ ...loaded, databaseUrl: options.databaseUrl })
    : options.dataDirectory
      ? Object.freeze({ ...loaded, databaseUrl: undefined, dataDirectory: resolve(options.dataDirectory) })
      : loaded;
  useAuditKey(config.audit.keyFile === undefined ? undefined : readAuditKeyFile(config.audit.keyFile));
  const embedder =
    options.embedder === false
      ? undefined
      : (await import('../embed/create-embedder.ts')).createEmbedder(config.embedder);
  const database = await openDatabase(config, { workload: options.workload });
  return {
    config,
    database,
    get embedder(): Embedder {
      if (!embedder) throw new Error('This command opened the database without an embedder (embedder: false).');
      return embedder;
    },
    close: () => database.close(),
  };
}
