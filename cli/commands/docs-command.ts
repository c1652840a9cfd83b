import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { openContext } from '../open-context.ts';

export const docsCommand: Command = {
  name: 'docs',
  summary: 'List indexed documents with their versions, validity and metadata',
  help: `Usage: huiying docs [--all] [--json]

Lists current documents: id, type, title, 文号, issuer, publication date, 有效性, version and chunk count.

Options:
  --all       also list superseded and withdrawn versions
  --json      print as JSON
  -h, --help  show this help`,
  options: { all: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values }) {
    const context = await openContext();
    try {
      const rows = await context.database.query<Record<string, unknown>>(
        `SELECT d.id, d.doc_type, d.title, d.document_number, d.issuer, to_char(d.published_date, 'YYYY-MM-DD') AS published_date,
                d.validity, d.status, d.version, d.source_uri, d.index_number, d.topic, d.interprets,
                (SELECT count(*)::int FROM chunks c WHERE c.document_id = d.id) AS chunks
         FROM documents d WHERE $1::boolean OR d.status = 'current' ORDER BY d.source_uri, d.version`,
        [values.all === true],
      );
      if (values.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        console.log('No documents yet. Add some with `huiying ingest <folder>`.');
        return;
      }
      const cell = (value: unknown, width = 40) => (value === null || value === undefined ? '' : String(value).slice(0, width));
      console.log(
        formatTable(
          ['id', 'type', 'title', '文号', 'issuer', 'published', 'validity', 'status', 'v', 'chunks'],
          rows.map((row) => [cell(row.id), cell(row.doc_type), cell(row.title, 36), cell(row.document_number, 20), cell(row.issuer, 16), cell(row.published_date), cell(row.validity), cell(row.status), cell(row.version), cell(row.chunks)]),
        ),
      );
      console.log(`\n${rows.length} document(s).`);
    } finally {
      await context.close();
    }
  },
};
