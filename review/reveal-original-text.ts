import { actorName, type Account } from './accounts/accounts.ts';
import { ROLE_LABELS, roleAllows } from './accounts/roles.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { ReviewContext } from './review-context.ts';
import { caseNotFound, decisionRefused } from './review-error.ts';

/**
 * The text of a case as received, personal data included, for an approver who needs it (to call the person back,
 * to check what was redacted). Every reading is recorded in the audit trail with who read it and why.
 */
export async function revealOriginalText(
  context: Pick<ReviewContext, 'database' | 'clock'>,
  options: { caseId: number; actor: Account; reason: string },
): Promise<string> {
  if (!roleAllows(options.actor.role, 'approve'))
    throw decisionRefused(
      `${options.actor.displayName}（${ROLE_LABELS[options.actor.role]}）无权查看未隐去个人信息的原文，请审核人或管理员查看。`,
    );
  const reason = options.reason.trim();
  if (reason === '') throw decisionRefused('请说明查看原文的理由，理由将记入审核记录。');
  return context.database.transaction(async (transaction) => {
    const [row] = await transaction.query<{ original_text: string }>('SELECT original_text FROM cases WHERE id = $1', [
      options.caseId,
    ]);
    if (!row) throw caseNotFound(options.caseId);
    await appendAuditEntry(transaction, {
      caseId: options.caseId,
      event: 'original-text-read',
      actor: actorName(options.actor),
      occurredAt: context.clock.now(),
      details: { reason: reason.slice(0, 500) },
    });
    return row.original_text;
  });
}
