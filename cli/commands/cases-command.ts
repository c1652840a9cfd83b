import { formatChinaTime, formatTimeLeft } from '../../text/format-time.ts';
import { KIND_LABELS, STATUS_LABELS } from '../../review/case-kinds.ts';
import { listOpenCases } from '../../review/read-cases.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { openContext } from '../open-context.ts';

export const casesCommand: Command = {
  name: 'cases',
  summary: 'List open cases by deadline, or only the overdue ones',
  help: `Usage: huiying cases [--overdue] [--json]

Lists the cases not yet answered, soonest deadline first: number, kind, severity, unit, status, time left and the
(redacted) text. The same list as the console's review queue, for scripts and for a quick look from a terminal.

Options:
  --overdue   only cases past their deadline
  --json      print as JSON
  -h, --help  show this help`,
  options: { overdue: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values }) {
    const context = await openContext();
    try {
      const now = new Date();
      const cases = await listOpenCases(context.database, values.overdue ? { overdueAt: now } : {});
      if (values.json) {
        console.log(JSON.stringify(cases, null, 2));
        return;
      }
      console.log(
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
            found.displayText.replace(/\s+/g, ' ').slice(0, 30),
          ]),
        ),
      );
      console.log(`\n${cases.length} ${values.overdue ? 'overdue' : 'open'} case(s).`);
    } finally {
      await context.close();
    }
  },
};
