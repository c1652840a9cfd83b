import { dirname, join } from 'node:path';
import { countAccounts } from '../../review/accounts/accounts.ts';
import { createAccountOnRecord } from '../../review/accounts/accounts-on-record.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { formatCitation } from '../../retrieval/format-citation.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import type { Command, CommandIo } from '../command.ts';
import type { Context } from '../open-context.ts';
import { parsePort } from '../parse-port.ts';
import { printIngestSummary } from '../print-ingest-summary.ts';
import { readSecret } from '../read-secret.ts';
import { serveUntilStopped } from '../serve-until-stopped.ts';
import { packagePath } from '../../config/package-root.ts';

/** The bundled fictional sample office, ingested on first start so huiying is useful at once. */
export const SAMPLE_DIRECTORY = packagePath('samples', 'office');

export const startCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying start [--port <n>] [--query "<question>"]

The quick-start job. On an empty database it ingests samples/office (a fictional municipal office's policies,
interpretation, FAQ, talking points and notices). On a terminal with no accounts yet, it asks for the first
admin's username and password. Then it serves the web console (see \`huiying serve --help\`).
With --query it instead searches once, prints the passages and exits.

Options:
  --port <n>      port to listen on (default HUIYING_PORT or 3000)
  --query <text>  search once and exit
  -h, --help      show this help`,
  options: { query: { type: 'string' }, port: { type: 'string' } },
  async run({ values, io, openContext }) {
    const port = parsePort(values.port);
    const context = await openContext();
    try {
      const count = await context.database.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
      if ((count[0]?.n ?? 0) === 0) {
        io.print(`Empty database: ingesting the sample office from ${SAMPLE_DIRECTORY}`);
        printIngestSummary(
          io,
          await ingestSources({ database: context.database, embedder: context.embedder, inputs: [SAMPLE_DIRECTORY] }),
        );
        io.print('');
      }
      if (typeof values.query === 'string') {
        await searchOnce(io, context, values.query);
        return;
      }
      await offerFirstAdmin(io, context);
      await serveUntilStopped(io, context, { port });
    } finally {
      await context.close();
    }
  },
};

async function searchOnce(io: CommandIo, context: Context, query: string): Promise<void> {
  io.print(`问：${query}\n`);
  const results = await hybridSearch({ database: context.database, embedder: context.embedder, query, limit: 3 });
  if (results.length === 0) io.print('No passage matches.\n');
  for (const result of results)
    io.print(`[${result.rank}] ${formatCitation(result)}\n    ${result.content.replace(/\n+/g, '\n    ')}\n`);
}

// Reviewing needs accounts; on first start at a terminal, create the admin who can add the others in the console.
async function offerFirstAdmin(io: CommandIo, context: Context): Promise<void> {
  if ((await countAccounts(context.database)) > 0) return;
  if (!io.stdin.isTTY) {
    io.print(
      'No accounts yet: the public page works, but signing in needs one. Stop the console and run\n  npx huiying user add admin --role admin\n',
    );
    return;
  }
  io.print('No accounts yet. Create the first admin (further accounts can be added in the console).');
  const { createInterface } = await import('node:readline/promises');
  const prompt = createInterface({ input: io.stdin, output: io.stdout as NodeJS.WritableStream });
  const username = (await prompt.question('Admin username [admin]: ')).trim() || 'admin';
  prompt.close();
  for (;;) {
    try {
      const password = await readSecret(io, 'Password (at least 8 characters): ');
      await createAccountOnRecord(context.database, {
        username,
        password,
        role: 'admin',
        by: { actor: 'cli', at: new Date() },
      });
      io.print(`Created admin "${username}".\n`);
      return;
    } catch (error) {
      io.print(`${(error as Error).message} Try again.`);
    }
  }
}
