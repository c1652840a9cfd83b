import { actorName, type Account } from './accounts/accounts.ts';
import { ROLE_LABELS, roleAllows, type Action } from './accounts/roles.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Queryable } from '../db/database.ts';
import { SEVERITIES } from '../triage/triage-rules.ts';
import { applyApproval } from './apply-approval.ts';
import { applyEdit } from './apply-edit.ts';
import { computeDeadlines } from './deadline-policy.ts';
import { findCase, type CaseSummary } from './read-cases.ts';
import type { ReviewContext } from './review-context.ts';
import { withRefusalsRecorded } from './refusals-recorded.ts';
import { ACTION_LABELS, type Decision, type DecisionOutcome } from './decision.ts';
import { caseNotFound, decisionRefused } from './review-error.ts';

/** Steps that need the case to be still open for review. */
const CLOSED: ReadonlyArray<CaseSummary['status']> = ['posted', 'answered-internally'];

/**
 * Applies one reviewer's decision to a case, with its audit entry, in one transaction. A decision the rules do not
 * allow (role, unit, own text, stale version, closed case) changes nothing, is recorded as `decision-refused`, and
 * throws a `decision-refused` error that says why.
 */
export async function decideCase(
  context: ReviewContext,
  request: { caseId: number; actor: Account; decision: Decision },
): Promise<DecisionOutcome> {
  return withRefusalsRecorded(
    context,
    { caseId: request.caseId, actor: request.actor, details: { action: request.decision.action } },
    (transaction) => applyDecision(context, transaction, request),
  );
}

async function applyDecision(
  context: ReviewContext,
  transaction: Queryable,
  request: { caseId: number; actor: Account; decision: Decision },
): Promise<DecisionOutcome> {
  const { actor, decision } = request;
  const found = await findCase(transaction, request.caseId, { forUpdate: true });
  if (!found) throw caseNotFound(request.caseId);
  requireRole(actor, decision.action);
  if (CLOSED.includes(found.status))
    throw decisionRefused(
      `案件 ${found.id} 已${found.status === 'answered-internally' ? '内部答复' : '发布答复'}，不能再更改。`,
    );
  const now = context.clock.now();
  const audit = (event: Parameters<typeof appendAuditEntry>[1]['event'], details: Record<string, unknown>) =>
    appendAuditEntry(transaction, { caseId: found.id, event, actor: actorName(actor), occurredAt: now, details });
  switch (decision.action) {
    case 'edit':
      return applyEdit({
        transaction,
        found,
        actor,
        basedOnVersion: decision.basedOnVersion,
        text: decision.text,
        now,
        audit,
        sensitiveWords: context.sensitiveWords,
        officeContacts: context.officeContacts,
      });
    case 'approve':
      return applyApproval({
        transaction,
        found,
        actor,
        version: decision.version,
        textHash: decision.textHash,
        separateApprover: context.separateApprover,
        now,
        audit,
      });
    case 'reject': {
      const reason = requireText(decision.reason, '退回理由');
      if (found.status === 'approved') throw decisionRefused('该答复已批准；如需撤回批准，请修改文本。');
      await transaction.query(`UPDATE cases SET status = 'needs-revision' WHERE id = $1`, [found.id]);
      await audit('draft-rejected', { version: found.currentVersion, reason });
      return { caseId: found.id, action: 'reject', version: found.currentVersion, warnings: [] };
    }
    case 'escalate': {
      const reason = requireText(decision.reason, '上报理由');
      if (found.status === 'approved') throw decisionRefused('该答复已批准并正在发布，不能上报。');
      await transaction.query(`UPDATE cases SET status = 'escalated' WHERE id = $1`, [found.id]);
      await audit('case-escalated', { reason, to: context.escalationContact });
      return { caseId: found.id, action: 'escalate', warnings: [] };
    }
    case 'reassign': {
      const unit = requireText(decision.unit, '转办单位');
      requireReassignable(actor, found, unit);
      await transaction.query('UPDATE cases SET unit = $2, unit_assigned_by = $3 WHERE id = $1', [
        found.id,
        unit,
        actor.id,
      ]);
      await audit('case-reassigned', { from: found.unit, to: unit });
      return { caseId: found.id, action: 'reassign', warnings: [] };
    }
    case 'reclassify': {
      if (!SEVERITIES.includes(decision.severity))
        throw decisionRefused(`未知级别“${decision.severity}”，请从 ${SEVERITIES.join('、')} 中选择。`);
      const deadlines = computeDeadlines({
        kind: found.kind,
        severity: decision.severity,
        receivedAt: found.receivedAt,
        policy: context.policy,
        calendar: context.calendar,
      });
      await transaction.query(
        'UPDATE cases SET severity = $2, due_at = $3, remind_at = $4, follow_up_due_at = $5 WHERE id = $1',
        [
          found.id,
          decision.severity,
          deadlines.dueAt.toISOString(),
          deadlines.remindAt.toISOString(),
          deadlines.followUpDueAt?.toISOString() ?? null,
        ],
      );
      await audit('case-reclassified', {
        from: found.severity,
        to: decision.severity,
        dueAt: deadlines.dueAt.toISOString(),
        deadlineBasis: deadlines.basis,
      });
      return { caseId: found.id, action: 'reclassify', warnings: [] };
    }
  }
}

function requireRole(actor: Account, action: Action): void {
  if (!roleAllows(actor.role, action))
    throw decisionRefused(
      `${actor.displayName}（${ROLE_LABELS[actor.role]}）无权${ACTION_LABELS[action as keyof typeof ACTION_LABELS] ?? action}草稿，请有相应权限的人员操作。`,
      { role: actor.role, action },
    );
}

/**
 * A reassign is limited to what the actor may do for the case's current unit: someone who works for one unit hands
 * on only that unit's cases, so it is no way to pull another unit's case into one's own and approve it there.
 */
function requireReassignable(actor: Account, found: CaseSummary, unit: string): void {
  if (actor.unit !== null && actor.unit !== found.unit)
    throw decisionRefused(
      `${actor.displayName} 属于${actor.unit}，案件 ${found.id} 由${found.unit}负责：只有${found.unit}（或不限单位）的人员可以转办。请联系${found.unit}。`,
      { actorUnit: actor.unit, caseUnit: found.unit },
    );
  if (unit === found.unit) throw decisionRefused(`案件 ${found.id} 已由${unit}负责，无需转办。`);
}

function requireText(value: string, what: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw decisionRefused(`请填写${what}。`);
  return trimmed.slice(0, 2_000);
}
