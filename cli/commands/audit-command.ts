import { readAuditLog } from '../../audit/read-audit-log.ts';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { formatChinaTime } from '../../text/format-time.ts';
import { KIND_LABELS, STATUS_LABELS } from '../../review/case-kinds.ts';
import { findCase } from '../../review/read-cases.ts';
import type { Command } from '../command.ts';
import { usageError } from '../usage-error.ts';

export const auditCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying audit verify [--json]
       huiying audit show <case> [--json]

Every step of every case (received, drafted, edited, approved, rejected, posted, failed, reminded, escalated) is
appended to a hash-chained log that the database refuses to change. \`verify\` recomputes every entry's hash and
checks each links to the one before; it exits with 1 if the chain is broken and names the first broken entry.
\`show\` prints a case and its history in order.

Options:
  --json      print as JSON
  -h, --help  show this help

Examples:
  huiying audit verify
  huiying audit show 12`,
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, io, openContext }) {
    const [action, caseText] = positionals;
    if (action !== 'verify' && action !== 'show')
      throw usageError('audit needs "verify" or "show <case>".', 'huiying audit verify');
    if (action === 'show' && !/^\d+$/.test(caseText ?? ''))
      throw usageError('audit show needs a case number.', 'huiying audit show 12');
    const context = await openContext({ workload: 'command', embedder: false });
    try {
      if (action === 'verify') {
        const report = await verifyAuditChain(context.database);
        if (values.json) io.print(JSON.stringify(report));
        else if (report.valid) io.print(`Audit chain intact: ${report.entries} entries, every hash and link checked.`);
        else
          io.print(
            `AUDIT CHAIN BROKEN at entry ${report.firstBreak!.sequence}: ${report.firstBreak!.reason}. ${report.entries} entries read.`,
          );
        return report.valid ? 0 : 1;
      }
      const caseId = Number(caseText);
      const found = await findCase(context.database, caseId);
      if (!found) throw usageError(`There is no case ${caseId}.`, 'huiying audit show 1');
      const entries = await readAuditLog(context.database, { caseId });
      if (values.json) {
        io.print(JSON.stringify({ case: found, entries }, null, 2));
        return;
      }
      io.print(
        `Case #${found.id} ${found.publicReference} · ${KIND_LABELS[found.kind]} · ${found.severity} · ${found.unit} · ${STATUS_LABELS[found.status]}`,
      );
      io.print(
        `Received ${formatChinaTime(found.receivedAt)}, due ${formatChinaTime(found.dueAt)}: ${found.displayText.slice(0, 80)}\n`,
      );
      for (const entry of entries) {
        const details = Object.entries(entry.details)
          .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
          .join(' ');
        io.print(
          `${String(entry.sequence).padStart(6)}  ${formatChinaTime(entry.occurredAt)}  ${entry.event.padEnd(18)} ${entry.actor}\n        ${details}`,
        );
      }
    } finally {
      await context.close();
    }
  },
};
