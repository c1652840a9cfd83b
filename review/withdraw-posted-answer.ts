import { actorName, type Account } from './accounts/accounts.ts';
import { ROLE_LABELS, roleAllows } from './accounts/roles.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Queryable } from '../db/database.ts';
import { withdrawCaseEntries } from '../ingest/question-bank-queries.ts';
import { STATUS_LABELS } from './case-kinds.ts';
import { findCase, type CaseSummary } from './read-cases.ts';
import type { ReviewContext } from './review-context.ts';
import { withRefusalsRecorded } from './refusals-recorded.ts';
import { caseNotFound, decisionRefused } from './review-error.ts';

/**
 * An approver withdraws a posted answer (it was wrong, or no longer holds): the public page says it was withdrawn
 * and why, and it leaves the question bank at once, so it informs no later answer. Recorded in the audit log; a
 * refusal (role, unit, nothing posted) changes nothing and is recorded too.
 */
export async function withdrawPostedAnswer(
  context: Pick<ReviewContext, 'database' | 'clock'>,
  request: { caseId: number; actor: Account; reason: string },
): Promise<{ removedFromBank: number }> {
  return withRefusalsRecorded(
    context,
    { caseId: request.caseId, actor: request.actor, details: { action: 'withdraw-answer' } },
    async (transaction) => {
      const { found, reason } = await postedCase(transaction, request, 'withdraw');
      const now = context.clock.now();
      await transaction.query(
        `UPDATE public_answers SET withdrawn_at = $2, withdrawn_reason = $3 WHERE case_id = $1 AND withdrawn_at IS NULL`,
        [found.id, now.toISOString(), reason],
      );
      const removedFromBank = await withdrawCaseEntries(transaction, { caseId: found.id, reason, at: now });
      await appendAuditEntry(transaction, {
        caseId: found.id,
        event: 'answer-withdrawn',
        actor: actorName(request.actor),
        occurredAt: now,
        details: { reason, removedFromBank },
      });
      return { removedFromBank };
    },
  );
}

const VERBS = { withdraw: '撤回', correct: '更正' } as const;

/**
 * The checks every change to a posted answer shares: an approver of the case's unit, a posted case, and a reason.
 * Throws `decision-refused` saying what to do otherwise.
 */
export async function postedCase(
  transaction: Queryable,
  request: { caseId: number; actor: Account; reason: string },
  verb: 'withdraw' | 'correct',
): Promise<{ found: CaseSummary; reason: string }> {
  const found = await findCase(transaction, request.caseId, { forUpdate: true });
  if (!found) throw caseNotFound(request.caseId);
  const { actor } = request;
  if (!roleAllows(actor.role, 'approve'))
    throw decisionRefused(
      `${actor.displayName}（${ROLE_LABELS[actor.role]}）无权${VERBS[verb]}已发布的答复，请审核人操作。`,
    );
  if (actor.unit !== null && actor.unit !== found.unit)
    throw decisionRefused(
      `${actor.displayName} 负责${actor.unit}的审核，案件 ${found.id} 由${found.unit}负责：请该单位的审核人操作。`,
    );
  if (found.status !== 'posted')
    throw decisionRefused(`案件 ${found.id} 没有可${VERBS[verb]}的已发布答复（${STATUS_LABELS[found.status]}）。`);
  const reason = request.reason.trim().slice(0, 2_000);
  if (reason === '') throw decisionRefused(`请说明${VERBS[verb]}答复的理由。`);
  return { found, reason };
}
