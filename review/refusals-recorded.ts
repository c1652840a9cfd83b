import { actorName, type Account } from './accounts/accounts.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Queryable } from '../db/database.ts';
import { isHuiyingError } from '../config/huiying-error.ts';
import type { ReviewContext } from './review-context.ts';

/**
 * Runs a reviewer's step in one transaction. A step the rules do not allow throws `decision-refused`: it then changes
 * nothing, is recorded as a `decision-refused` audit entry (with the reason) in a transaction of its own, and the
 * error goes on to the caller, who says why.
 */
export async function withRefusalsRecorded<T>(
  context: Pick<ReviewContext, 'database' | 'clock'>,
  refusal: { caseId: number | null; actor: Account; details: Record<string, unknown> },
  step: (transaction: Queryable) => Promise<T>,
): Promise<T> {
  try {
    return await context.database.transaction(step);
  } catch (error) {
    if (isHuiyingError(error) && error.code === 'decision-refused') {
      await context.database.transaction((transaction) =>
        appendAuditEntry(transaction, {
          caseId: refusal.caseId,
          event: 'decision-refused',
          actor: actorName(refusal.actor),
          occurredAt: context.clock.now(),
          details: { ...refusal.details, role: refusal.actor.role, reason: error.message },
        }),
      );
    }
    throw error;
  }
}
