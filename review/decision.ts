import type { Severity } from '../triage/triage-rules.ts';

/** A reviewer's decision on a case, and what came of it. */
export type Decision =
  | { action: 'edit'; basedOnVersion: number; text: string }
  | { action: 'approve'; version: number; textHash: string }
  | { action: 'reject'; reason: string }
  | { action: 'escalate'; reason: string }
  | { action: 'reassign'; unit: string }
  | { action: 'reclassify'; severity: Severity };

/** Each decision as people read it (in refusals: 无权批准). */
export const ACTION_LABELS: Record<Decision['action'], string> = {
  edit: '修改',
  approve: '批准',
  reject: '退回',
  escalate: '上报',
  reassign: '转办',
  reclassify: '调整级别',
};

export type DecisionOutcome = { caseId: number; action: Decision['action']; version?: number; warnings: string[] };
