import { runWorker } from '../../console/run-worker.ts';
import type { Command } from '../command.ts';
import { usageError } from '../usage-error.ts';

export const workerCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying worker

Drafts received cases and delivers answers published on the web console, beside \`huiying serve\`, on the same
PostgreSQL server (DATABASE_URL). Run as many as the drafting load needs: each case is claimed by one worker
(FOR UPDATE SKIP LOCKED, with a lease that a worker that dies lets lapse), so each is drafted once, with one set of
model calls. Announcing new drafts to reviewers, answers posted on Slack or Discord, and deadline reminders and
escalations stay with \`huiying serve\`, which is connected to the platforms (and drafts too).

With the embedded database, one process owns the data: \`huiying serve\` runs the worker itself.

Options:
  -h, --help   show this help`,
  options: {},
  async run({ io, loadConfig, openContext, values }) {
    const config = await loadConfig();
    if (!config.databaseUrl || values['data-dir'] !== undefined)
      throw usageError(
        'huiying worker runs beside huiying serve on a PostgreSQL server; with the embedded database, huiying serve runs the worker itself.',
        'DATABASE_URL=postgres://huiying@db.example/huiying huiying worker',
      );
    const context = await openContext();
    try {
      const running = runWorker({ config: context.config, database: context.database, embedder: context.embedder });
      io.print(
        `huiying worker (pid ${process.pid}): drafting received cases and delivering web answers. Press Ctrl-C to stop.`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      io.print('Stopping…');
      await running.stop();
    } finally {
      await context.close();
    }
  },
};
