import { HuiyingError } from '../config/huiying-error.ts';

/** A decision the workflow refuses (wrong role, wrong unit, own text, stale version); it is recorded in the audit log. */
export function decisionRefused(message: string, details: Record<string, unknown> = {}): HuiyingError {
  return new HuiyingError({ code: 'decision-refused', message, details });
}

export function caseNotFound(caseId: number | string): HuiyingError {
  return new HuiyingError({
    code: 'case-not-found',
    message: `There is no case ${caseId}. Check the number in the review queue.`,
    details: { caseId },
  });
}
