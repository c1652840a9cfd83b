import { findAccountByIdentity } from './accounts/accounts.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { decideCase, type DecisionContext } from './decide-case.ts';
import { ACTION_LABELS, type Decision, type DecisionOutcome } from './decision.ts';
import { decisionRefused } from './review-error.ts';

/**
 * A decision made on a chat surface (a button pressed in Slack or Discord) by the person with that surface's user id:
 * taken with the role of the account the id is linked to (`huiying user link`). An unlinked id is refused, on record.
 */
export async function decideAsIdentity(
  context: DecisionContext,
  request: { surface: string; externalId: string; caseId: number; decision: Decision },
): Promise<DecisionOutcome> {
  const actor = await findAccountByIdentity(context.database, {
    surface: request.surface,
    externalId: request.externalId,
  });
  if (!actor) {
    const message = `${request.surface} 用户 ${request.externalId} 未关联 huiying 账号，不能${ACTION_LABELS[request.decision.action]}。请管理员运行 \`huiying user link <用户名> ${request.surface} ${request.externalId}\` 关联。`;
    await context.database.transaction((transaction) =>
      appendAuditEntry(transaction, {
        caseId: request.caseId,
        event: 'decision-refused',
        actor: `${request.surface}:${request.externalId}`,
        occurredAt: context.clock.now(),
        details: { action: request.decision.action, reason: message },
      }),
    );
    throw decisionRefused(message);
  }
  return decideCase(context, { caseId: request.caseId, actor, decision: request.decision });
}
