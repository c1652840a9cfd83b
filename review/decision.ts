import type { Severity } from '../triage/triage-rules.ts';

/** A reviewer's decision on a case, and what came of it. */
export type Decision =
  /**
   * A new version: the text edited (left out, it stays), passages added to its sources by chunk id (from the case
   * page's search), sources removed by their [n].
   */
  | {
      action: 'edit';
      basedOnVersion: number;
      text?: string;
      addSources?: ReadonlyArray<number>;
      removeSources?: ReadonlyArray<number>;
    }
  /** A new version written by the configured drafter from the current version's sources alone (按所选依据重新起草). */
  | { action: 'redraft'; basedOnVersion: number }
  /** A new version from an approved past answer (question bank entry), with its sources (以此为基础修改). */
  | { action: 'adopt-answer'; basedOnVersion: number; entryId: number }
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
  redraft: '重新起草',
  'adopt-answer': '采用相似答复修改',
};

export type DecisionOutcome = { caseId: number; action: Decision['action']; version?: number; warnings: string[] };
