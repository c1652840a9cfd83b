import { HuiyingError } from '../config/huiying-error.ts';

/**
 * A decision the workflow refuses (wrong role, wrong unit, own text, stale version); it is recorded in the audit log.
 * The message is for the person in the console or chat who tried: in Chinese, saying what to do instead.
 */
export function decisionRefused(message: string, details: Record<string, unknown> = {}): HuiyingError {
  return new HuiyingError({ code: 'decision-refused', message, details });
}

export function caseNotFound(caseId: number | string): HuiyingError {
  return new HuiyingError({
    code: 'case-not-found',
    message: `没有编号为 ${caseId} 的案件，请在审核队列中核对编号。`,
    details: { caseId },
  });
}
