import { createInterface } from 'node:readline/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { formatCitation } from '../../retrieval/format-citation.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import type { Command } from '../command.ts';
import { openContext } from '../open-context.ts';
import { printIngestSummary } from '../print-ingest-summary.ts';

/** The bundled fictional sample office, ingested on first start so huiying is useful at once. */
export const SAMPLE_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'office');

export const startCommand: Command = {
  name: 'start',
  summary: 'Ingest the bundled sample office if the database is empty, then search interactively',
  help: `Usage: huiying start [--query "<question>"]

The quick-start job. On an empty database it ingests samples/office (a fictional municipal office's policies,
interpretation, FAQ, talking points and notices), then opens an interactive search prompt. With --query, or when
input is not a terminal, it answers one question and exits.

Options:
  --query <text>  search once and exit
  -h, --help      show this help`,
  options: { query: { type: 'string' } },
  async run({ values }) {
    const context = await openContext();
    try {
      const count = await context.database.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
      if ((count[0]?.n ?? 0) === 0) {
        console.log(`Empty database: ingesting the sample office from ${SAMPLE_DIRECTORY}`);
        printIngestSummary(await ingestSources({ database: context.database, embedder: context.embedder, inputs: [SAMPLE_DIRECTORY] }));
        console.log('');
      }
      const ask = async (query: string) => {
        const results = await hybridSearch({ database: context.database, embedder: context.embedder, query, limit: 3 });
        if (results.length === 0) console.log('No passage matches.\n');
        for (const result of results) console.log(`[${result.rank}] ${formatCitation(result)}\n    ${result.content.replace(/\n+/g, '\n    ')}\n`);
      };
      const once = typeof values.query === 'string' ? values.query : !process.stdin.isTTY ? '申请公开政府信息，多长时间能得到答复？' : undefined;
      if (once) {
        console.log(`问：${once}\n`);
        await ask(once);
        return;
      }
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      console.log('Ask a policy question (empty line or Ctrl-D to quit). Example: 申请公开政府信息，多长时间能得到答复？');
      for (;;) {
        const line = (await prompt.question('问> ').catch(() => '')).trim();
        if (!line) break;
        await ask(line);
      }
      prompt.close();
    } finally {
      await context.close();
    }
  },
};
