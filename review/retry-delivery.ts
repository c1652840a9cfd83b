import { actorName, type Account } from './accounts/accounts.ts';
import { ROLE_LABELS, roleAllows } from './accounts/roles.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Queryable } from '../db/database.ts';
import type { ReviewContext } from './review-context.ts';
import { decisionRefused } from './review-error.ts';

export type DeliveryState = {
  status: 'pending' | 'delivered' | 'failed' | 'voided';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  receipt: string | null;
};

/** Where the case's approved answer stands in the outbox (the newest item), if it was approved. */
export async function findDeliveryState(database: Queryable, caseId: number): Promise<DeliveryState | undefined> {
  const [row] = await database.query<{
    status: DeliveryState['status'];
    attempts: number;
    last_error: string | null;
    next_attempt_at: string;
    delivered_at: string | null;
    receipt: string | null;
  }>(
    'SELECT status, attempts, last_error, next_attempt_at, delivered_at, receipt FROM outbox WHERE case_id = $1 ORDER BY id DESC LIMIT 1',
    [caseId],
  );
  if (!row) return undefined;
  return {
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: new Date(row.next_attempt_at),
    deliveredAt: row.delivered_at ? new Date(row.delivered_at) : null,
    receipt: row.receipt,
  };
}

/**
 * Puts an approved answer whose delivery gave up (the platform was down for all its attempts) back in the outbox to
 * be tried now. Only approvers and admins may; the approval and its text are checked again at delivery as always.
 */
export async function retryDelivery(
  context: Pick<ReviewContext, 'database' | 'clock'>,
  options: { caseId: number; actor: Account },
): Promise<void> {
  if (!roleAllows(options.actor.role, 'approve'))
    throw decisionRefused(
      `${options.actor.displayName}（${ROLE_LABELS[options.actor.role]}）无权重新发布，请审核人操作。`,
    );
  const now = context.clock.now();
  await context.database.transaction(async (transaction) => {
    const [item] = await transaction.query<{ id: string }>(
      `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $2 WHERE id = (SELECT id FROM outbox WHERE case_id = $1 ORDER BY id DESC LIMIT 1) AND status = 'failed' RETURNING id`,
      [options.caseId, now.toISOString()],
    );
    if (!item) throw decisionRefused(`案件 ${options.caseId} 没有发布失败、可重新发布的答复。`);
    await appendAuditEntry(transaction, {
      caseId: options.caseId,
      event: 'delivery-retried',
      actor: actorName(options.actor),
      occurredAt: now,
      details: { outboxId: Number(item.id) },
    });
  });
}
