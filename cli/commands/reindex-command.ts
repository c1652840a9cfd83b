import { reindexDocuments } from '../../ingest/reindex-documents.ts';
import type { Command } from '../command.ts';
import { createProgressBar } from '../progress-bar.ts';

export const reindexCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying reindex

Re-chunks and re-embeds every stored document (all versions) from its stored text. Run it after changing the
embedder (HUIYING_EMBEDDER, EMBEDDING_MODEL, EMBEDDING_DIMENSIONS, HUIYING_OFFLINE_DIMENSIONS) or upgrading huiying.
Source files are not read again.

Options:
  -h, --help  show this help`,
  options: {},
  async run({ io, openContext }) {
    const context = await openContext();
    try {
      const progress = createProgressBar({ label: 'reindex', stream: io.stderr });
      const result = await reindexDocuments({
        database: context.database,
        embedder: context.embedder,
        onProgress: progress.update,
      });
      progress.done();
      io.print(
        `Reindexed ${result.documents} documents into ${result.chunks} chunks with ${context.embedder.id} in ${result.seconds.toFixed(1)} s.`,
      );
    } finally {
      await context.close();
    }
  },
};
