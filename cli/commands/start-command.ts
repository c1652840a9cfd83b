import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countAccounts, createAccount } from '../../review/accounts/accounts.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { formatCitation } from '../../retrieval/format-citation.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import type { Command } from '../command.ts';
import { openContext, type Context } from '../open-context.ts';
import { parsePort } from '../parse-port.ts';
import { printIngestSummary } from '../print-ingest-summary.ts';
import { readSecret } from '../read-secret.ts';
import { serveUntilStopped } from '../serve-until-stopped.ts';

/** The bundled fictional sample office, ingested on first start so huiying is useful at once. */
export const SAMPLE_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'office');

export const startCommand: Command = {
  name: 'start',
  summary: 'Ingest the bundled sample office if the database is empty, then run the web console',
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
  async run({ values }) {
    const port = parsePort(values.port);
    const context = await openContext();
    try {
      const count = await context.database.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
      if ((count[0]?.n ?? 0) === 0) {
        console.log(`Empty database: ingesting the sample office from ${SAMPLE_DIRECTORY}`);
        printIngestSummary(
          await ingestSources({ database: context.database, embedder: context.embedder, inputs: [SAMPLE_DIRECTORY] }),
        );
        console.log('');
      }
      if (typeof values.query === 'string') {
        await searchOnce(context, values.query);
        return;
      }
      await offerFirstAdmin(context);
      await serveUntilStopped(context, { port });
    } finally {
      await context.close();
    }
  },
};

async function searchOnce(context: Context, query: string): Promise<void> {
  console.log(`问：${query}\n`);
  const results = await hybridSearch({ database: context.database, embedder: context.embedder, query, limit: 3 });
  if (results.length === 0) console.log('No passage matches.\n');
  for (const result of results)
    console.log(`[${result.rank}] ${formatCitation(result)}\n    ${result.content.replace(/\n+/g, '\n    ')}\n`);
}

// Reviewing needs accounts; on first start at a terminal, create the admin who can add the others in the console.
async function offerFirstAdmin(context: Context): Promise<void> {
  if ((await countAccounts(context.database)) > 0) return;
  if (!process.stdin.isTTY) {
    console.log(
      'No accounts yet: the public page works, but signing in needs one. Stop the console and run\n  npx huiying user add admin --role admin\n',
    );
    return;
  }
  console.log('No accounts yet. Create the first admin (further accounts can be added in the console).');
  const { createInterface } = await import('node:readline/promises');
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const username = (await prompt.question('Admin username [admin]: ')).trim() || 'admin';
  prompt.close();
  for (;;) {
    try {
      const password = await readSecret('Password (at least 8 characters): ');
      await createAccount(context.database, { username, password, role: 'admin' });
      console.log(`Created admin "${username}".\n`);
      return;
    } catch (error) {
      console.log(`${(error as Error).message} Try again.`);
    }
  }
}
