/** Column types that bulk inserts know how to encode. */
export type ColumnType = 'int8' | 'int4' | 'text' | 'vector';

export type BulkInsert = {
  table: string;
  columns: ReadonlyArray<{ name: string; type: ColumnType }>;
  /** One array per row, values in column order; vectors as number arrays; null for SQL NULL. */
  rows: ReadonlyArray<ReadonlyArray<unknown>>;
};

/** What both a connection and an open transaction can do. */
export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: ReadonlyArray<unknown>): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Inserts many rows fast: binary COPY in PGlite, batched multi-row INSERT over the wire. */
  bulkInsert(insert: BulkInsert): Promise<void>;
}

/** A lock held beyond one transaction (Database.tryLock). */
export type HeldLock = {
  /**
   * Whether the lock is still held, taking it again first if the connection holding it was lost (a server restart
   * ends the session and its locks); false when another process took it meanwhile.
   */
  ensureHeld(): Promise<boolean>;
  release(): Promise<void>;
};

/** The storage huiying runs on: PGlite in-process or a PostgreSQL server through `pg`. */
export interface Database extends Queryable {
  readonly driver: 'pglite' | 'pg';
  /** Which database this is, as messages name it: `database "huiying" at postgres://…`, `the embedded database in ./data`. */
  readonly location: string;
  /** Runs `work` in one transaction: everything it wrote is kept, or nothing is. */
  transaction<T>(work: (transaction: Queryable) => Promise<T>): Promise<T>;
  /**
   * Takes a lock that no one else holds at the same time, for work longer than a transaction (an ingest): on a
   * server, a session-level advisory lock on a connection kept for it until `release`. When someone holds it already,
   * says who, as they named themselves in `holder`, and since when.
   */
  tryLock(key: number, options: { holder: string }): Promise<{ lock: HeldLock } | { heldBy: string; since?: Date }>;
  close(): Promise<void>;
}
