import { shortenRedactedText } from '../../privacy/shorten-redacted-text.ts';
import { formatChinaTime, formatTimeLeft } from '../../text/format-time.ts';
import { KIND_LABELS, STATUS_LABELS } from '../../review/case-kinds.ts';
import { listOpenCases } from '../../review/read-cases.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';

export const casesCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying cases [--overdue] [--json]

Lists the cases not yet answered, soonest deadline first: number, kind, severity, unit, status, time left and the
(redacted) text. The same list as the console's review queue, for scripts and for a quick look from a terminal.

Options:
  --overdue   only cases past their deadline
  --json      print as JSON
  -h, --help  show this help`,
  options: { overdue: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values, io, openContext }) {
    const context = await openContext({ workload: 'command', embedder: false });
    try {
      const now = new Date();
      const cases = await listOpenCases(context.database, values.overdue ? { overdueAt: now } : {});
      if (values.json) {
        io.print(JSON.stringify(cases, null, 2));
        return;
      }
      io.print(
        formatTable(
          ['case', 'kind', 'severity', 'unit', 'status', 'due', 'time left', 'text'],
          cases.map((found) => [
            `#${found.id}`,
            KIND_LABELS[found.kind],
            found.severity,
            found.unit,
            STATUS_LABELS[found.status],
            formatChinaTime(found.dueAt),
            formatTimeLeft(found.dueAt, now),
            shortenRedactedText(found.displayText, 30),
          ]),
        ),
      );
      io.print(`\n${cases.length} ${values.overdue ? 'overdue' : 'open'} case(s).`);
    } finally {
      await context.close();
    }
  },
};
