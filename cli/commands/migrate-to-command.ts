import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { copyDatabase } from '../../db/copy-database.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { usageError } from '../usage-error.ts';

export const migrateToCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying migrate-to <postgres://user:password@host:port/database>

Copies the embedded database (in HUIYING_DATA_DIR, or the one --data-dir names) into an empty PostgreSQL database
with pgvector: documents and every version, passages and their vectors, cases, draft versions, approvals, the
outbox, public answers, accounts, keys, talking points and the audit log, with their ids, and the audit chain as it
is (checked on the copy before this command ends). The copy is one transaction: if it fails, the target stays empty.

Steps:
  1. stop \`huiying serve\` (the embedded database is then free and stays unchanged)
  2. huiying migrate-to postgres://huiying:…@db.example:5432/huiying
  3. set DATABASE_URL to that URL (in .env or the environment)
  4. huiying audit verify, then huiying serve; keep the data directory as a backup until you are satisfied

Options:
  -h, --help  show this help`,
  options: {},
  async run({ positionals, values, io, loadConfig, openContext }) {
    const [url] = positionals;
    if (!url || !/^postgres(ql)?:\/\//.test(url))
      throw usageError(
        'migrate-to needs the URL of an empty PostgreSQL database.',
        'huiying migrate-to postgres://huiying:secret@localhost:5432/huiying',
      );
    const config = await loadConfig();
    const dataDirectory = typeof values['data-dir'] === 'string' ? values['data-dir'] : config.dataDirectory;
    const source = await openContext({ dataDirectory, workload: 'command', embedder: false });
    try {
      const target = await openContext({ databaseUrl: url, embedder: false });
      try {
        const report = await copyDatabase({
          source: source.database,
          target: target.database,
          onProgress: ({ table, rows }) => {
            if (rows % 20_000 === 0) io.warn(`copying ${table}: ${rows} rows`);
          },
        });
        const chain = await verifyAuditChain(target.database);
        io.print(
          formatTable(
            ['table', 'rows'],
            report.tables.map((table) => [table.name, table.rows]),
          ),
        );
        if (!chain.valid) {
          io.warn(`The copy's audit chain does not verify (${chain.firstBreak?.reason}); do not switch to it.`);
          return 1;
        }
        io.print(
          `\nCopied ${source.database.location} into ${target.database.location}; audit chain intact on the copy (${chain.entries} entries).\nNext: set DATABASE_URL to that URL, run \`huiying audit verify\`, then \`huiying serve\`.`,
        );
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  },
};
