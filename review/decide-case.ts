import { actorName, type Account } from './accounts/accounts.ts';
import { ROLE_LABELS, roleAllows, type Action } from './accounts/roles.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Queryable } from '../db/database.ts';
import { SEVERITIES } from '../triage/triage-rules.ts';
import { applyApproval } from './apply-approval.ts';
import { adoptPastAnswer } from './adopt-past-answer.ts';
import { applyEdit } from './apply-edit.ts';
import { CASE_AUDIENCE } from './case-kinds.ts';
import { computeDeadlines } from './deadline-policy.ts';
import { findCase, findVersion, type CaseSummary } from './read-cases.ts';
import { redraftFromSources } from './redraft-from-sources.ts';
import type { ReviewContext } from './review-context.ts';
import { withRefusalsRecorded } from './refusals-recorded.ts';
import { ACTION_LABELS, type Decision, type DecisionOutcome } from './decision.ts';
import { caseNotFound, decisionRefused } from './review-error.ts';

/** What a reviewer's decision reads: everything but the triager, the embedder and the default unit. */
export type DecisionContext = Omit<ReviewContext, 'triager' | 'embedder' | 'defaultUnit'>;

/** Steps that need the case to be still open for review. */
const CLOSED: ReadonlyArray<CaseSummary['status']> = ['posted', 'answered-internally'];

/**
 * Applies one reviewer's decision to a case, with its audit entry, in one transaction. A decision the rules do not
 * allow (role, unit, own text, stale version, closed case) changes nothing, is recorded as `decision-refused`, and
 * throws a `decision-refused` error that says why.
 */
export async function decideCase(
  context: DecisionContext,
  request: { caseId: number; actor: Account; decision: Decision },
): Promise<DecisionOutcome> {
  const refusal = { caseId: request.caseId, actor: request.actor, details: { action: request.decision.action } };
  if (request.decision.action === 'redraft') return redraft(context, request, request.decision.basedOnVersion);
  return withRefusalsRecorded(context, refusal, (transaction) => applyDecision(context, transaction, request));
}

/**
 * 按所选依据重新起草: the drafter (perhaps a model endpoint, seconds away) is called outside the transaction that locks
 * the case. The checks and what it needs are read first; its text is then saved as an edit of that version, checked
 * again under the lock (someone may have changed the case meanwhile).
 */
async function redraft(
  context: DecisionContext,
  request: { caseId: number; actor: Account; decision: Decision },
  basedOnVersion: number,
): Promise<DecisionOutcome> {
  const refusal = { caseId: request.caseId, actor: request.actor, details: { action: 'redraft' } };
  const { found, base } = await withRefusalsRecorded(context, refusal, async (transaction) => {
    const found = await openCase(transaction, request);
    if (basedOnVersion !== found.currentVersion)
      throw decisionRefused(
        `您要重新起草的是第 ${basedOnVersion} 版，但当前已是第 ${found.currentVersion} 版：请刷新案件页面后再重新起草。`,
      );
    const base = await findVersion(transaction, found.id, found.currentVersion);
    if (!base || base.sources.length === 0)
      throw decisionRefused('当前版本没有依据：请先从知识库检索结果中加入依据，再按所选依据重新起草。');
    return { found, base };
  });
  const redrafted = await redraftFromSources({
    database: context.database,
    model: context.model,
    question: found.displayText,
    audience: CASE_AUDIENCE[found.kind],
    sources: base.sources,
    profile: context.draftProfile,
    // The reply is dated the day it is redrafted, in China, as a first draft is.
    today: new Date(context.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
  });
  return withRefusalsRecorded(context, refusal, async (transaction) => {
    const current = await openCase(transaction, request);
    if (!redrafted)
      throw decisionRefused('按所选依据未能起草出有依据的句子：请加入与问题更相关的依据，或直接修改草稿。');
    if (redrafted.text === base.text)
      throw decisionRefused('按所选依据重新起草的结果与当前版本相同：请先加入或移除依据，再重新起草。');
    const outcome = await applyEdit({
      ...editContext(context, transaction, current, request.actor),
      basedOnVersion,
      text: redrafted.text,
      frame: redrafted.frame,
      drafter: `${redrafted.drafter} for ${request.actor.username} from the chosen sources`,
    });
    return { ...outcome, action: 'redraft' };
  });
}

// The case, locked, for a step the actor's role allows on an open case.
async function openCase(
  transaction: Queryable,
  request: { caseId: number; actor: Account; decision: Decision },
): Promise<CaseSummary> {
  const found = await findCase(transaction, request.caseId, { forUpdate: true });
  if (!found) throw caseNotFound(request.caseId);
  requireRole(request.actor, actionOf(request.decision));
  if (actionOf(request.decision) === 'edit') requireSameUnit(request.actor, found);
  if (CLOSED.includes(found.status))
    throw decisionRefused(
      `案件 ${found.id} 已${found.status === 'answered-internally' ? '内部答复' : '发布答复'}，不能再更改。`,
    );
  return found;
}

function editContext(context: DecisionContext, transaction: Queryable, found: CaseSummary, actor: Account) {
  const now = context.clock.now();
  return {
    transaction,
    found,
    actor,
    now,
    audit: (event: Parameters<typeof appendAuditEntry>[1]['event'], details: Record<string, unknown>) =>
      appendAuditEntry(transaction, { caseId: found.id, event, actor: actorName(actor), occurredAt: now, details }),
    sensitiveWords: context.sensitiveWords,
    officeContacts: context.officeContacts,
  };
}

// Changing the evidence, redrafting from it and starting from a past answer are edits: the edit role allows them.
function actionOf(decision: Decision): Action {
  return decision.action === 'redraft' || decision.action === 'adopt-answer' ? 'edit' : decision.action;
}

async function applyDecision(
  context: DecisionContext,
  transaction: Queryable,
  request: { caseId: number; actor: Account; decision: Decision },
): Promise<DecisionOutcome> {
  const { actor, decision } = request;
  const found = await openCase(transaction, request);
  const now = context.clock.now();
  const audit = (event: Parameters<typeof appendAuditEntry>[1]['event'], details: Record<string, unknown>) =>
    appendAuditEntry(transaction, { caseId: found.id, event, actor: actorName(actor), occurredAt: now, details });
  switch (decision.action) {
    case 'edit':
      return applyEdit({
        ...editContext(context, transaction, found, actor),
        basedOnVersion: decision.basedOnVersion,
        text: decision.text,
        addSources: decision.addSources,
        removeSources: decision.removeSources,
      });
    case 'adopt-answer':
      return {
        ...(await adoptPastAnswer({
          ...editContext(context, transaction, found, actor),
          basedOnVersion: decision.basedOnVersion,
          entryId: decision.entryId,
        })),
        action: 'adopt-answer',
      };
    case 'redraft':
      throw decisionRefused('重新起草须经 decideCase 在事务之外调用起草模型。');
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
 * The text and the evidence of a case are changed only by its own unit's people (or those of every unit): another
 * unit's reviewer could otherwise slip a passage into a draft that its unit's approver then approves unaware.
 */
function requireSameUnit(actor: Account, found: CaseSummary): void {
  if (actor.unit !== null && actor.unit !== found.unit)
    throw decisionRefused(
      `${actor.displayName} 属于${actor.unit}，案件 ${found.id} 由${found.unit}负责：只有${found.unit}（或不限单位）的人员可以修改草稿或其依据。`,
      { actorUnit: actor.unit, caseUnit: found.unit },
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
