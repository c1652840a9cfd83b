import type { BulkInsert } from './database.ts';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * Encodes rows in PostgreSQL's binary COPY format. Parsing vector text inside PGlite's WASM is the
 * ingest bottleneck (FACTS.md: ~1,000 rows/s as text, ~22,000 rows/s binary), so bulk loads use this.
 */
export function encodeBinaryCopy(insert: BulkInsert): Buffer {
  const parts: Buffer[] = [SIGNATURE, Buffer.alloc(8)];
  for (const row of insert.rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(insert.columns.length);
    parts.push(count);
    insert.columns.forEach((column, index) => parts.push(encodeField(column.type, row[index])));
  }
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1);
  parts.push(trailer);
  return Buffer.concat(parts);
}

function encodeField(type: BulkInsert['columns'][number]['type'], value: unknown): Buffer {
  if (value === null || value === undefined) {
    const nullField = Buffer.alloc(4);
    nullField.writeInt32BE(-1);
    return nullField;
  }
  let payload: Buffer;
  switch (type) {
    case 'int8':
      payload = Buffer.alloc(8);
      payload.writeBigInt64BE(BigInt(value as number | bigint));
      break;
    case 'int4':
      payload = Buffer.alloc(4);
      payload.writeInt32BE(value as number);
      break;
    case 'text':
      payload = Buffer.from(String(value), 'utf8');
      break;
    case 'vector': {
      const vector = value as ArrayLike<number>;
      payload = Buffer.alloc(4 + vector.length * 4);
      payload.writeInt16BE(vector.length, 0);
      payload.writeInt16BE(0, 2);
      for (let index = 0; index < vector.length; index += 1) payload.writeFloatBE(vector[index]!, 4 + index * 4);
      break;
    }
  }
  const length = Buffer.alloc(4);
  length.writeInt32BE(payload.length);
  return Buffer.concat([length, payload]);
}
