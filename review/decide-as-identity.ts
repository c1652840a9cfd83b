import { findAccountByIdentity } from './accounts/accounts.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { decideCase } from './decide-case.ts';
import type { Decision, DecisionOutcome } from './decision.ts';
import type { ReviewContext } from './review-context.ts';
import { decisionRefused } from './review-error.ts';

/**
 * A decision made on a chat surface (a button pressed in Slack or Discord) by the person with that surface's user id:
 * taken with the role of the account the id is linked to (`huiying user link`). An unlinked id is refused, on record.
 */
export async function decideAsIdentity(
  context: ReviewContext,
  request: { surface: string; externalId: string; caseId: number; decision: Decision },
): Promise<DecisionOutcome> {
  const actor = await findAccountByIdentity(context.database, {
    surface: request.surface,
    externalId: request.externalId,
  });
  if (!actor) {
    const message = `${request.surface} user ${request.externalId} is not linked to an account, so cannot ${request.decision.action}. An admin links it with \`huiying user link <username> ${request.surface} ${request.externalId}\`.`;
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
