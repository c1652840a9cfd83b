/**
 * The keys of every advisory lock huiying takes, in one place so that no two purposes share one. Any constants work;
 * a server's advisory locks are per database.
 */
export const ADVISORY_LOCKS = {
  /** Held by whoever migrates, from before `schema_migrations` exists (transaction-level). */
  migration: 73_917_001,
  /** Orders writers of the hash-chained audit log (transaction-level): each must see the entry before it. */
  auditChain: 73_917_002,
  /** Held for a whole ingest or reindex (session-level), so that two never write the index at once. */
  ingest: 73_917_003,
} as const;
