import { actorName, type Account } from './accounts/accounts.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { withdrawCaseEntries } from '../ingest/question-bank-queries.ts';
import type { ReviewContext } from './review-context.ts';
import { withRefusalsRecorded } from './refusals-recorded.ts';
import { postedCase } from './withdraw-posted-answer.ts';

/**
 * An approver reopens a posted answer to correct it: the case goes back to revision (edit, then another approval, as
 * for any draft), and the posted answer leaves the question bank at once; the corrected answer enters it when it is
 * posted. What the public already has stays until the correction is posted.
 */
export async function reopenForCorrection(
  context: Pick<ReviewContext, 'database' | 'clock'>,
  request: { caseId: number; actor: Account; reason: string },
): Promise<{ removedFromBank: number }> {
  return withRefusalsRecorded(
    context,
    { caseId: request.caseId, actor: request.actor, details: { action: 'correct-answer' } },
    async (transaction) => {
      const { found, reason } = await postedCase(transaction, request, 'correct');
      const now = context.clock.now();
      await transaction.query(`UPDATE cases SET status = 'needs-revision', closed_at = NULL WHERE id = $1`, [found.id]);
      const removedFromBank = await withdrawCaseEntries(transaction, { caseId: found.id, reason, at: now });
      await appendAuditEntry(transaction, {
        caseId: found.id,
        event: 'answer-reopened',
        actor: actorName(request.actor),
        occurredAt: now,
        details: { reason, version: found.currentVersion, removedFromBank },
      });
      return { removedFromBank };
    },
  );
}
