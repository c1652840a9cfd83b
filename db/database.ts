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

/** The storage huiying runs on: PGlite in-process or a PostgreSQL server through `pg`. */
export interface Database extends Queryable {
  readonly driver: 'pglite' | 'pg';
  /** Runs `work` in one transaction: everything it wrote is kept, or nothing is. */
  transaction<T>(work: (transaction: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
