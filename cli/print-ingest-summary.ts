import type { IngestSummary } from '../ingest/ingest-sources.ts';
import type { CommandIo } from './command.ts';
import { formatTable } from './format-table.ts';

/** Prints what an ingest did and, for each source that failed, why. */
export function printIngestSummary(io: Pick<CommandIo, 'print'>, summary: IngestSummary): void {
  io.print(
    formatTable(
      [
        'scanned',
        'added',
        'updated',
        'unchanged',
        'restored',
        'withdrawn',
        'superseded',
        'chunks',
        'failed',
        'seconds',
      ],
      [
        [
          summary.scanned,
          summary.added,
          summary.updated,
          summary.unchanged,
          summary.restored,
          summary.withdrawn,
          summary.superseded,
          summary.chunks,
          summary.failed.length,
          summary.seconds.toFixed(1),
        ],
      ],
    ),
  );
  if (summary.failed.length > 0) {
    io.print(`\n${summary.failed.length} source(s) were not ingested (the rest were):`);
    io.print(
      formatTable(
        ['source', 'code', 'reason'],
        summary.failed.map((problem) => [problem.source, problem.code, problem.reason]),
      ),
    );
  }
}
