import { hostname } from 'node:os';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { DEFAULTS } from '../config/defaults.ts';
import { isHuiyingError } from '../config/huiying-error.ts';
import { draftAnswer } from '../drafting/draft-answer.ts';
import type { Queryable } from '../db/database.ts';
import type { TriagerProposal } from '../triage/triager.ts';
import { computeDeadlines } from './deadline-policy.ts';
import { findCase } from './read-cases.ts';
import { CASE_AUDIENCE, type CaseKind } from './case-kinds.ts';
import { renderPublicAnswer } from './render-public-answer.ts';
import type { ReviewContext } from './review-context.ts';
import { textHash } from './text-hash.ts';

/** What drafting reads: the search, the model and triager, the office's profile and the deadline rules. */
export type DraftingContext = Omit<ReviewContext, 'separateApprover' | 'escalationContact' | 'defaultUnit'>;

/**
 * Drafts the first version of a received case and puts it in the review queue. The drafter sees the redacted text
 * only, so personal data never reaches a model endpoint. Returns false when the case was already drafted.
 */
export async function draftCase(context: DraftingContext, caseId: number): Promise<boolean> {
  const [found] = await context.database.query<{
    kind: CaseKind;
    display_text: string;
    status: string;
    due_on: string | null;
  }>(
    `SELECT kind, display_text, status, to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS due_on FROM cases WHERE id = $1`,
    [caseId],
  );
  if (!found || found.status !== 'received') return false;
  // The rules triaged the item at receipt; a triager that can refine them (a model) proposes its own triage now.
  const proposal =
    found.kind === 'opinion-item' && context.triager.refinesReceiptRules
      ? await context.triager.triage(found.display_text)
      : undefined;
  const draft = await draftAnswer({
    database: context.database,
    embedder: context.embedder,
    model: context.model,
    question: found.display_text,
    audience: CASE_AUDIENCE[found.kind],
    sensitiveWords: context.sensitiveWords,
    profile: context.draftProfile,
    // A holding reply promises an answer by the case's deadline; the reply is dated the day it is drafted.
    today: new Date(context.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
    replyBy: found.due_on ?? undefined,
    officeContacts: context.officeContacts,
  });
  const createdAt = context.clock.now();
  const hash = textHash(renderPublicAnswer({ text: draft.text, sources: draft.sources }));
  return context.database.transaction(async (transaction) => {
    // Another worker may have drafted it meanwhile; the row lock and status check keep version 1 unique.
    const [current] = await transaction.query<{ status: string }>('SELECT status FROM cases WHERE id = $1 FOR UPDATE', [
      caseId,
    ]);
    if (current?.status !== 'received') return false;
    if (proposal) await applyModelTriage(context, transaction, { caseId, proposal, at: createdAt });
    await transaction.query(
      `INSERT INTO draft_versions (case_id, version, text, text_hash, sentences, sources, verification, flags, refused, escalation_reasons, drafter, created_at, similar_answer)
       VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        caseId,
        draft.text,
        hash,
        JSON.stringify(draft.sentences),
        JSON.stringify(draft.sources),
        JSON.stringify(draft.verification),
        JSON.stringify(draft.flags),
        draft.refused,
        JSON.stringify(draft.escalationReasons),
        draft.drafter,
        createdAt.toISOString(),
        draft.similarAnswer ? JSON.stringify(draft.similarAnswer) : null,
      ],
    );
    // A staff question's answer is internal: shown to the asker at once, closed, never reviewed or posted.
    if (found.kind === 'staff-question') {
      await transaction.query(
        `UPDATE cases SET status = 'answered-internally', current_version = 1, closed_at = $2, draft_error = NULL WHERE id = $1`,
        [caseId, createdAt.toISOString()],
      );
    } else {
      await transaction.query(
        `UPDATE cases SET status = 'awaiting-review', current_version = 1, draft_error = NULL WHERE id = $1`,
        [caseId],
      );
    }
    await appendAuditEntry(transaction, {
      caseId,
      event: 'draft-created',
      actor: `drafter:${draft.drafter}`,
      occurredAt: createdAt,
      details: {
        version: 1,
        textHash: hash,
        refused: draft.refused,
        escalate: draft.escalate,
        escalationReasons: draft.escalationReasons,
        sources: draft.sources.map((source) => source.citation),
        removedSentences: draft.verification.removed.length,
        flags: draft.flags.map((flag) => flag.word),
      },
    });
    return true;
  });
}

/** Who claims cases in this process, as `draft_claimed_by` records it. */
const CLAIMANT = `${hostname()}/${process.pid}`;

/**
 * Drafts every case still waiting for its first draft (new, after a restart, or when drafting failed), oldest first.
 * Each case is claimed before it is drafted (FOR UPDATE SKIP LOCKED, with a lease of DEFAULTS.draftClaimSeconds), so
 * that workers in several processes draft each case once, with one set of model calls; a worker that dies mid-draft
 * leaves its claim to lapse, and another takes the case over.
 */
export async function draftReceivedCases(
  context: DraftingContext,
  options: { limit?: number } = {},
): Promise<{ drafted: number[]; failed: Array<{ caseId: number; error: string }> }> {
  const drafted: number[] = [];
  const failed: Array<{ caseId: number; error: string }> = [];
  for (let count = 0; count < (options.limit ?? 100); count += 1) {
    const caseId = await claimCaseToDraft(context);
    if (caseId === undefined) break;
    try {
      if (await draftCase(context, caseId)) drafted.push(caseId);
    } catch (error) {
      // An outage is not this case's fault: nothing is recorded on it, its claim lapses, and the worker waits.
      if (isHuiyingError(error) && error.code === 'database-unavailable') throw error;
      const message = (error as Error).message;
      failed.push({ caseId, error: message });
      // Shown on the case page so reviewers know why there is no draft yet; a worker tries again after a pause.
      const retryAt = new Date(context.clock.now().getTime() + DEFAULTS.draftRetrySeconds * 1000);
      await context.database
        .query('UPDATE cases SET draft_error = $2, draft_claimed_until = $3, draft_claimed_by = NULL WHERE id = $1', [
          caseId,
          message.slice(0, 1_000),
          retryAt.toISOString(),
        ])
        .catch(() => undefined);
    }
  }
  return { drafted, failed };
}

/**
 * Claims the oldest received case that no live claim holds. Staff questions are drafted at once by whoever asked
 * (answerStaffQuestion); a worker takes one only when it has waited a whole lease (the asking process died).
 */
export async function claimCaseToDraft(
  context: Pick<ReviewContext, 'database' | 'clock'>,
): Promise<number | undefined> {
  const now = context.clock.now();
  const until = new Date(now.getTime() + DEFAULTS.draftClaimSeconds * 1000);
  const [row] = await context.database.query<{ id: string }>(
    `UPDATE cases SET draft_claimed_until = $2, draft_claimed_by = $3
     WHERE id = (
       SELECT id FROM cases
       WHERE status = 'received' AND (draft_claimed_until IS NULL OR draft_claimed_until <= $1)
         AND (kind <> 'staff-question' OR received_at <= $1::timestamptz - make_interval(secs => $4))
       ORDER BY received_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [now.toISOString(), until.toISOString(), CLAIMANT, DEFAULTS.draftClaimSeconds],
  );
  return row ? Number(row.id) : undefined;
}

// Takes the model's severity and competent unit for a case no reviewer has classified yet, moving its deadlines.
async function applyModelTriage(
  context: DraftingContext,
  transaction: Queryable,
  options: { caseId: number; proposal: TriagerProposal; at: Date },
): Promise<void> {
  const found = await findCase(transaction, options.caseId);
  if (!found) return;
  const competent = options.proposal.responsibleUnits
    .find((unit) => unit.includes('谁主管'))
    ?.replace(/[（(][^）)]*[）)]$/, '')
    .trim();
  const unit = competent || found.unit;
  if (options.proposal.severity === found.severity && unit === found.unit) return;
  const deadlines = computeDeadlines({
    kind: found.kind,
    severity: options.proposal.severity,
    receivedAt: found.receivedAt,
    policy: context.policy,
    calendar: context.calendar,
  });
  await transaction.query(
    'UPDATE cases SET severity = $2, unit = $3, due_at = $4, remind_at = $5, follow_up_due_at = $6 WHERE id = $1',
    [
      found.id,
      options.proposal.severity,
      unit,
      deadlines.dueAt.toISOString(),
      deadlines.remindAt.toISOString(),
      deadlines.followUpDueAt?.toISOString() ?? null,
    ],
  );
  await appendAuditEntry(transaction, {
    caseId: found.id,
    event: 'case-reclassified',
    actor: `triage:${context.triager.id}`,
    occurredAt: options.at,
    details: {
      from: found.severity,
      to: options.proposal.severity,
      unit,
      basis: options.proposal.severityBasis,
      dueAt: deadlines.dueAt.toISOString(),
      deadlineBasis: deadlines.basis,
    },
  });
}
