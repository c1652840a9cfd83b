import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { listDocuments } from '../../ingest/document-queries.ts';

export const docsCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying docs [--all] [--json]

Lists current documents: id, type, title, 文号, issuer, publication date, 有效性, version and chunk count.

Options:
  --all       also list superseded and withdrawn versions
  --json      print as JSON
  -h, --help  show this help`,
  options: { all: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values, io, openContext }) {
    const context = await openContext({ workload: 'command', embedder: false });
    try {
      const rows = await listDocuments(context.database, { all: values.all === true });
      if (values.json) {
        io.print(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        io.print('No documents yet. Add some with `huiying ingest <folder>`.');
        return;
      }
      const cell = (value: unknown, width = 40) =>
        value === null || value === undefined ? '' : String(value).slice(0, width);
      io.print(
        formatTable(
          ['id', 'type', 'title', '文号', 'issuer', 'published', 'validity', 'status', 'v', 'chunks'],
          rows.map((row) => [
            cell(row.id),
            cell(row.docType),
            cell(row.title, 36),
            cell(row.documentNumber, 20),
            cell(row.issuer, 16),
            cell(row.publishedDate),
            cell(row.validity),
            cell(row.status),
            cell(row.version),
            cell(row.chunks),
          ]),
        ),
      );
      io.print(`\n${rows.length} document(s).`);
    } finally {
      await context.close();
    }
  },
};
