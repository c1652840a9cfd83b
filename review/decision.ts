import type { Severity } from '../triage/triage-rules.ts';

/** A reviewer's decision on a case, and what came of it. */
export type Decision =
  | { action: 'edit'; basedOnVersion: number; text: string }
  | { action: 'approve'; version: number; textHash: string }
  | { action: 'reject'; reason: string }
  | { action: 'escalate'; reason: string }
  | { action: 'reassign'; unit: string }
  | { action: 'reclassify'; severity: Severity };

export type DecisionOutcome = { caseId: number; action: Decision['action']; version?: number; warnings: string[] };
