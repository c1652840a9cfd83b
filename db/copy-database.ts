import { HuiyingError } from '../config/huiying-error.ts';
import type { Database, Queryable } from './database.ts';

type Column = { name: string; type: string; generated: boolean };
type Table = {
  name: string;
  columns: Column[];
  /** The single integer primary key column, when there is one (rows are read in its order, in pages). */
  key?: string;
  /** Columns referencing the table itself (documents.superseded_by): written after all its rows are. */
  selfReferences: string[];
  /** Tables it references, which are copied before it. */
  references: string[];
};

// Rows read and written per statement; PostgreSQL allows 65,535 parameters per statement.
const PAGE_ROWS = 2000;
const MAX_PARAMETERS = 60_000;
// The migrations fill these; the source's rows replace them, and last, so its index generation is the one kept.
const SEEDED_BY_MIGRATIONS = ['index_settings'];

/**
 * Copies every table of one migrated database into another, migrated and empty (an embedded database into a
 * PostgreSQL server): rows with their ids, vectors, the audit log's hashes as they are, then each id sequence moved
 * past the largest id. Values travel as text and are cast to each column's type, so any table the migrations made is
 * copied. One transaction on the target: a failed copy leaves it empty, to be run again.
 */
export async function copyDatabase(options: {
  source: Database;
  target: Database;
  onProgress?: (progress: { table: string; rows: number }) => void;
}): Promise<{ tables: Array<{ name: string; rows: number }> }> {
  const tables = copyOrder(await readTables(options.source));
  const occupied = await nonEmptyTables(options.target, tables);
  if (occupied.length > 0)
    throw new HuiyingError({
      code: 'usage-invalid',
      message: `The target database is not empty (${occupied.join(', ')} hold rows). Copy into a new, empty database: create one (CREATE DATABASE huiying_new OWNER huiying; then, as a superuser, CREATE EXTENSION vector; in it) and give its URL.`,
      details: { occupied },
    });
  const copied: Array<{ name: string; rows: number }> = [];
  await options.target.transaction(async (target) => {
    for (const table of tables) {
      if (SEEDED_BY_MIGRATIONS.includes(table.name)) await target.exec(`DELETE FROM ${table.name}`);
      const rows = await copyTable(options.source, target, table, (count) =>
        options.onProgress?.({ table: table.name, rows: count }),
      );
      copied.push({ name: table.name, rows });
    }
    await moveSequences(target, tables);
  });
  return { tables: copied };
}

async function readTables(database: Queryable): Promise<Table[]> {
  const columns = await database.query<{ table_name: string; name: string; type: string; generated: boolean }>(
    `SELECT c.relname AS table_name, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attgenerated <> '' AS generated
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> 'schema_migrations'
     ORDER BY c.relname, a.attnum`,
  );
  const constraints = await database.query<{
    table_name: string;
    kind: string;
    referenced: string | null;
    columns: string[];
  }>(
    `SELECT c.relname AS table_name, k.contype AS kind, r.relname AS referenced,
            ARRAY(SELECT attname FROM pg_attribute WHERE attrelid = k.conrelid AND attnum = ANY(k.conkey)) AS columns
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_class r ON r.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND k.contype IN ('p', 'f')`,
  );
  const names = [...new Set(columns.map((column) => column.table_name))];
  return names.map((name) => {
    const own = constraints.filter((constraint) => constraint.table_name === name);
    const tableColumns = columns.filter((column) => column.table_name === name);
    const primary = own.find((constraint) => constraint.kind === 'p')?.columns ?? [];
    const keyType = tableColumns.find((column) => column.name === primary[0])?.type;
    const foreign = own.filter((constraint) => constraint.kind === 'f');
    return {
      name,
      columns: tableColumns.map(({ name: column, type, generated }) => ({ name: column, type, generated })),
      key: primary.length === 1 && (keyType === 'bigint' || keyType === 'integer') ? primary[0] : undefined,
      selfReferences: foreign
        .filter((constraint) => constraint.referenced === name)
        .flatMap((constraint) => constraint.columns),
      references: foreign.flatMap((constraint) =>
        constraint.referenced && constraint.referenced !== name ? [constraint.referenced] : [],
      ),
    };
  });
}

// Referenced tables first; the tables the migrations seed last.
function copyOrder(tables: Table[]): Table[] {
  const ordered: Table[] = [];
  const placed = new Set<string>();
  const pending = [...tables].sort((left, right) => left.name.localeCompare(right.name));
  while (pending.length > 0) {
    const index = pending.findIndex((table) => table.references.every((name) => placed.has(name)));
    if (index < 0)
      throw new Error(`Tables reference each other in a circle: ${pending.map((table) => table.name).join(', ')}`);
    const [table] = pending.splice(index, 1);
    ordered.push(table!);
    placed.add(table!.name);
  }
  return [
    ...ordered.filter((table) => !SEEDED_BY_MIGRATIONS.includes(table.name)),
    ...ordered.filter((table) => SEEDED_BY_MIGRATIONS.includes(table.name)),
  ];
}

async function nonEmptyTables(database: Queryable, tables: Table[]): Promise<string[]> {
  const occupied: string[] = [];
  for (const table of tables) {
    if (SEEDED_BY_MIGRATIONS.includes(table.name)) continue;
    const rows = await database.query(`SELECT 1 FROM ${table.name} LIMIT 1`);
    if (rows.length > 0) occupied.push(table.name);
  }
  return occupied;
}

async function copyTable(
  source: Queryable,
  target: Queryable,
  table: Table,
  onRows: (count: number) => void,
): Promise<number> {
  const columns = table.columns.filter((column) => !column.generated);
  const list = columns.map((column) => column.name).join(', ');
  const asText = columns.map((column) => `${column.name}::text AS ${column.name}`).join(', ');
  let copied = 0;
  let after: string | undefined;
  for (;;) {
    // In key order, page by page (the qualified name orders by the integer, not by its text in the select list); a
    // table without a single integer key (a link table) is read in its stored order.
    const rows = table.key
      ? await source.query<Record<string, string | null>>(
          `SELECT ${asText} FROM ${table.name} WHERE ${table.key} > $1::bigint ORDER BY ${table.name}.${table.key} LIMIT ${PAGE_ROWS}`,
          [after ?? '-9223372036854775808'],
        )
      : await source.query<Record<string, string | null>>(
          `SELECT ${asText} FROM ${table.name} ORDER BY ctid LIMIT ${PAGE_ROWS} OFFSET ${copied}`,
        );
    if (rows.length === 0) break;
    await insertRows(target, table, columns, rows);
    copied += rows.length;
    onRows(copied);
    if (table.key) after = rows.at(-1)![table.key]!;
  }
  if (table.key && table.selfReferences.length > 0) await writeSelfReferences(source, target, table);
  return copied;
}

async function insertRows(
  target: Queryable,
  table: Table,
  columns: Column[],
  rows: ReadonlyArray<Record<string, string | null>>,
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: Array<string | null> = [];
    const tuples = rows.slice(start, start + perStatement).map((row) => {
      const values = columns.map((column) => {
        // Self-references are filled in once every row they may point at is there.
        params.push(table.selfReferences.includes(column.name) ? null : row[column.name]!);
        return `$${params.length}::${column.type}`;
      });
      return `(${values.join(', ')})`;
    });
    await target.query(
      `INSERT INTO ${table.name} (${columns.map((column) => column.name).join(', ')}) VALUES ${tuples.join(', ')}`,
      params,
    );
  }
}

async function writeSelfReferences(source: Queryable, target: Queryable, table: Table): Promise<void> {
  const key = table.key!;
  for (const column of table.selfReferences) {
    const rows = await source.query<{ key: string; value: string }>(
      `SELECT ${key}::text AS key, ${column}::text AS value FROM ${table.name} WHERE ${column} IS NOT NULL`,
    );
    for (let start = 0; start < rows.length; start += PAGE_ROWS) {
      const page = rows.slice(start, start + PAGE_ROWS);
      await target.query(
        `UPDATE ${table.name} t SET ${column} = v.value FROM unnest($1::bigint[], $2::bigint[]) AS v(key, value) WHERE t.${key} = v.key`,
        [page.map((row) => row.key), page.map((row) => row.value)],
      );
    }
  }
}

// Each serial column's sequence continues after the largest id copied, so new rows do not collide.
async function moveSequences(target: Queryable, tables: Table[]): Promise<void> {
  for (const table of tables) {
    if (!table.key) continue;
    await target.query(
      `SELECT setval(sequence, GREATEST((SELECT max(${table.key}) FROM ${table.name}), 1), (SELECT count(*) > 0 FROM ${table.name}))
       FROM pg_get_serial_sequence($1, $2) AS sequence WHERE sequence IS NOT NULL`,
      [table.name, table.key],
    );
  }
}
