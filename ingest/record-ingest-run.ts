import { userInfo } from 'node:os';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Database } from '../db/database.ts';
import type { SourceProblem } from './discover-sources.ts';

/** At most this many inputs and failures are named in the audit entry; the counts are always whole. */
const LISTED = 100;

/** Who runs an ingest from a terminal: the operating-system account, as `cli:<name>`. */
export function commandLineActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    // A container user without a passwd entry has no name.
    return `cli:uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/**
 * Writes one `sources-ingested` audit entry for an ingest run: who ran it, on what, and how many documents it added,
 * updated, left, restored, withdrew and failed (with which sources and why), or what stopped it. The knowledge base
 * decides what answers may cite, so a change to it is on the record like a change to a case.
 */
export async function recordIngestRun(
  database: Database,
  run: {
    actor: string;
    occurredAt: Date;
    inputs: ReadonlyArray<string>;
    counts: Record<string, number>;
    failed: ReadonlyArray<SourceProblem>;
    options: { prune: boolean; strict: boolean };
    stoppedBy?: string;
  },
): Promise<void> {
  await database.transaction((transaction) =>
    appendAuditEntry(transaction, {
      caseId: null,
      event: 'sources-ingested',
      actor: run.actor,
      occurredAt: run.occurredAt,
      details: {
        inputs: run.inputs.slice(0, LISTED),
        inputCount: run.inputs.length,
        ...run.counts,
        failed: run.failed.length,
        failures: run.failed.slice(0, LISTED).map((problem) => ({ source: problem.source, code: problem.code })),
        ...run.options,
        ...(run.stoppedBy !== undefined && { stoppedBy: run.stoppedBy }),
      },
    }),
  );
}
