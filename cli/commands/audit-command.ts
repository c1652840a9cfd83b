import { formatAuditCheckpoint, takeAuditCheckpoint } from '../../audit/audit-checkpoint.ts';
import { currentAuditKey } from '../../audit/audit-key.ts';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { verifyAuditChain, type AuditChainReport } from '../../audit/verify-audit-chain.ts';
import { formatChinaTime } from '../../text/format-time.ts';
import { KIND_LABELS, STATUS_LABELS } from '../../review/case-kinds.ts';
import { findCase } from '../../review/read-cases.ts';
import { appendCheckpointLine, readCheckpointFiles } from '../audit-checkpoint-file.ts';
import type { Command, CommandIo } from '../command.ts';
import type { Context } from '../open-context.ts';
import { usageError } from '../usage-error.ts';

export const auditCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying audit verify [--checkpoints <file>]... [--json]
       huiying audit checkpoint [--json]
       huiying audit show <case> [--json]

Every step of every case (received, drafted, edited, approved, rejected, posted, failed, reminded, escalated) and
every account change is appended to a hash-chained log that the database refuses to change.

\`verify\` recomputes every entry's hash and checks each links to the one before; with HUIYING_AUDIT_KEY_FILE it
also checks every entry's MAC (someone who can write the database but not read the key cannot rewrite an entry and
recompute the chain); and it checks the log against every checkpoint in HUIYING_AUDIT_CHECKPOINT_FILE and in the
files given (entries removed from the end show only there). It exits with 1 and names the first problem.
\`checkpoint\` verifies, then prints the log's head as one line (signed with the key, when there is one) and appends
it to HUIYING_AUDIT_CHECKPOINT_FILE: mail it or publish it, so it is kept where the database's operators cannot
change it. \`show\` prints a case and its history in order.

Options:
  --checkpoints <file>  checkpoint lines to verify against (as \`checkpoint\` prints them); may be repeated
  --json                print as JSON
  -h, --help            show this help

Examples:
  huiying audit verify
  huiying audit checkpoint | mail -s "huiying audit checkpoint" records@example.gov.cn
  huiying audit verify --checkpoints mailed-checkpoints.txt
  huiying audit show 12`,
  options: { json: { type: 'boolean' }, checkpoints: { type: 'string', multiple: true } },
  async run({ positionals, values, io, openContext }) {
    const [action, caseText] = positionals;
    if (action !== 'verify' && action !== 'show' && action !== 'checkpoint')
      throw usageError('audit needs "verify", "checkpoint" or "show <case>".', 'huiying audit verify');
    if (action === 'show' && !/^\d+$/.test(caseText ?? ''))
      throw usageError('audit show needs a case number.', 'huiying audit show 12');
    const context = await openContext({ workload: 'command', embedder: false });
    try {
      if (action === 'show') return await show(context, { caseId: Number(caseText), json: values.json === true, io });
      const checkpoints = readCheckpointFiles({
        configured: context.config.audit.checkpointFile,
        named: (values.checkpoints as string[] | undefined) ?? [],
      });
      const key = currentAuditKey();
      const report = await verifyAuditChain(context.database, { key, checkpoints });
      if (action === 'verify' || !report.valid) {
        if (values.json) io.print(JSON.stringify(report));
        else printReport(io, report);
        if (!report.valid && action === 'checkpoint') io.warn('No checkpoint taken: the log does not verify.');
        return report.valid ? 0 : 1;
      }
      const checkpoint = await takeAuditCheckpoint(context.database, { key, now: new Date() });
      if (!checkpoint)
        throw usageError('The audit log is empty: there is nothing to checkpoint yet.', 'huiying audit show 1');
      const line = formatAuditCheckpoint(checkpoint);
      if (context.config.audit.checkpointFile) appendCheckpointLine(context.config.audit.checkpointFile, line);
      io.print(values.json ? JSON.stringify(checkpoint) : line);
      if (!key)
        io.warn('Unsigned (no HUIYING_AUDIT_KEY_FILE): keep this line where the database operators cannot change it.');
    } finally {
      await context.close();
    }
  },
};

function printReport(io: CommandIo, report: AuditChainReport): void {
  if (report.firstBreak) {
    io.print(
      `AUDIT CHAIN BROKEN at entry ${report.firstBreak.sequence}: ${report.firstBreak.reason}. ${report.entries} entries read.`,
    );
    return;
  }
  const failed = report.checkpoints.filter((checkpoint) => checkpoint.problem !== undefined);
  for (const checkpoint of failed)
    io.print(
      `AUDIT LOG DOES NOT MATCH the checkpoint of ${checkpoint.takenAt} (entry ${checkpoint.sequence}): ${checkpoint.problem}.`,
    );
  if (failed.length > 0) return;
  io.print(`Audit chain intact: ${report.entries} entries, every hash and link checked.`);
  if (report.keyChecked)
    io.print(
      `MACs checked with the audit key: ${report.signedEntries} signed${report.unsignedEntries > 0 ? `, ${report.unsignedEntries} written before the key was used` : ''}.`,
    );
  else
    io.warn(
      'No audit key (HUIYING_AUDIT_KEY_FILE): whoever can write the database could rewrite entries and recompute every hash; only checkpoints kept elsewhere would show it.',
    );
  if (report.keyChecked && report.signedEntries === 0 && report.entries > 0)
    io.warn('No entry carries a MAC: entries written from now on will. Take a checkpoint once they do.');
  if (report.checkpoints.length > 0)
    io.print(
      `Matches all ${report.checkpoints.length} checkpoints (the newest of ${report.checkpoints.at(-1)!.takenAt}).`,
    );
  else
    io.warn(
      'No checkpoints: entries removed from the end would not show. Take one with `huiying audit checkpoint` and keep it outside the database.',
    );
}

async function show(context: Context, options: { caseId: number; json: boolean; io: CommandIo }): Promise<void> {
  const { caseId, io } = options;
  const found = await findCase(context.database, caseId);
  if (!found) throw usageError(`There is no case ${caseId}.`, 'huiying audit show 1');
  const entries = await readAuditLog(context.database, { caseId });
  if (options.json) {
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
}
