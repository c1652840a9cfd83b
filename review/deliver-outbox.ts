import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { findApprovalRecord } from '../audit/find-approval-record.ts';
import { DEFAULTS } from '../config/defaults.ts';
import { isHuiyingError } from '../config/huiying-error.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { Surface } from './surface.ts';
import type { Clock } from '../config/clock.ts';
import { findCase, findVersion } from './read-cases.ts';
import { enterQuestionBank } from './enter-question-bank.ts';
import { renderPublicAnswer } from './render-public-answer.ts';
import type { ReplyTarget } from './submit-inquiry.ts';
import { textHash } from './text-hash.ts';

export type OutboxItem = {
  id: number;
  caseId: number;
  approvalId: number;
  surface: string;
  target: ReplyTarget;
  text: string;
  textHash: string;
  idempotencyKey: string;
  attempts: number;
};

type OutboxRow = {
  id: string;
  case_id: string;
  approval_id: string;
  surface: string;
  reply_target: ReplyTarget;
  text: string;
  text_hash: string;
  idempotency_key: string;
  attempts: number;
};

export type DeliveryReport = { delivered: number[]; retrying: number[]; failed: number[]; refused: number[] };

/**
 * Delivers every approved answer that is due: checks, right before posting, that a live approval covers exactly this
 * text; posts through the target surface with the outbox's idempotency key; then records the delivery. A crash
 * before the record leaves the item pending, and the next run posts it again under the same key, which the surface
 * turns into a no-op: one answer reaches the public.
 */
export async function deliverDueAnswers(options: {
  database: Database;
  surfaces: ReadonlyMap<string, Surface>;
  clock: Clock;
  /** @default DEFAULTS.outbox.maxAttempts */
  maxAttempts?: number;
  /** @default DEFAULTS.outbox.itemsPerRun */
  limit?: number;
  /**
   * Claim only items for these surfaces (a worker process that runs the web surface alone leaves chat answers to
   * the process connected to the platforms). @default every item, so one for a surface not running fails visibly
   */
  onlyFor?: ReadonlyArray<string>;
}): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], retrying: [], failed: [], refused: [] };
  for (;;) {
    const item = await claimNext(options);
    if (!item) return report;
    const problem = await startPosting(options, item);
    if (problem) {
      await refuse(options, item, problem);
      report.refused.push(item.caseId);
      continue;
    }
    const surface = options.surfaces.get(item.surface);
    let receipt: string;
    try {
      if (!surface) throw new Error(`the ${item.surface} surface is not running; start it (huiying serve) to deliver`);
      ({ receipt } = await surface.deliver({
        caseId: item.caseId,
        target: item.target,
        text: item.text,
        idempotencyKey: item.idempotencyKey,
      }));
    } catch (error) {
      if (isHuiyingError(error) && error.code === 'database-unavailable') throw error;
      const finalAttempt = item.attempts + 1 >= (options.maxAttempts ?? DEFAULTS.outbox.maxAttempts);
      await recordFailure(options, item, (error as Error).message, finalAttempt);
      (finalAttempt ? report.failed : report.retrying).push(item.caseId);
      continue;
    }
    // Posted. If the record fails (the database went away), the error goes up and the claim stays: once it lapses,
    // the item is posted again under the same key, which the surface turns into a no-op, and recorded then.
    await recordDelivery(options, item, receipt);
    report.delivered.push(item.caseId);
    if (
      report.delivered.length + report.failed.length + report.refused.length + report.retrying.length >=
      (options.limit ?? DEFAULTS.outbox.itemsPerRun)
    )
      return report;
  }
}

/** Takes the oldest due item and pushes its next attempt into the future, so two workers never post it at once. */
export async function claimNext(options: {
  database: Database;
  clock: Clock;
  onlyFor?: ReadonlyArray<string>;
}): Promise<OutboxItem | undefined> {
  const now = options.clock.now();
  const [row] = await options.database.query<OutboxRow>(
    `UPDATE outbox SET next_attempt_at = $2
     WHERE id = (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 AND ($3::text[] IS NULL OR surface = ANY($3::text[]))
                 ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [
      now.toISOString(),
      new Date(now.getTime() + DEFAULTS.outbox.claimSeconds * 1000).toISOString(),
      options.onlyFor ? [...options.onlyFor] : null,
    ],
  );
  if (!row) return undefined;
  return {
    id: Number(row.id),
    caseId: Number(row.case_id),
    approvalId: Number(row.approval_id),
    surface: row.surface,
    target: row.reply_target,
    text: row.text,
    textHash: row.text_hash,
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
  };
}

/**
 * Checks the approval under the case's row lock, which an edit takes too, and marks the item as being posted. An
 * edit that comes first voids the item (and this refuses it); one that comes after finds it marked and leaves it to
 * finish, so what goes out is on record, and the edit becomes a correction. An item whose posting had started before
 * (the worker died, or its claim lapsed, mid-post) is posted again under its key: it may be out already.
 */
async function startPosting(
  options: { database: Database; clock: Clock },
  item: OutboxItem,
): Promise<string | undefined> {
  return options.database.transaction(async (transaction) => {
    await transaction.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [item.caseId]);
    const [row] = await transaction.query<{ status: string; posting_started_at: string | null }>(
      'SELECT status, posting_started_at FROM outbox WHERE id = $1 FOR UPDATE',
      [item.id],
    );
    if (row?.status !== 'pending') return 'the delivery was withdrawn (the text was edited after approval)';
    const problem = await approvalProblem(transaction, item, { resumed: row.posting_started_at !== null });
    if (problem) return problem;
    await transaction.query('UPDATE outbox SET posting_started_at = COALESCE(posting_started_at, $2) WHERE id = $1', [
      item.id,
      options.clock.now().toISOString(),
    ]);
    return undefined;
  });
}

// Nothing reaches the public without a live approval of exactly this text, whatever happened to the tables. A post
// already under way was checked when it started; an edit since voided the approval but cannot unsend the text.
async function approvalProblem(
  database: Queryable,
  item: OutboxItem,
  options: { resumed: boolean },
): Promise<string | undefined> {
  const [approval] = await database.query<{ version: number; text_hash: string; voided_at: string | null }>(
    'SELECT version, text_hash, voided_at FROM approvals WHERE id = $1',
    [item.approvalId],
  );
  if (!approval) return 'no approval record';
  if (approval.voided_at !== null && !options.resumed) return 'the approval was voided';
  const found = await findCase(database, item.caseId);
  if (!found || (found.currentVersion !== approval.version && !options.resumed))
    return 'the text changed after approval';
  const version = await findVersion(database, item.caseId, approval.version);
  if (!version) return 'the approved version is missing';
  const rendered = renderPublicAnswer(version);
  // The text rendered now from the approved version must hash to the approval and be, character for character, the
  // text about to be posted (whose stored hash must agree too).
  if (textHash(rendered) !== approval.text_hash || approval.text_hash !== item.textHash || rendered !== item.text) {
    return 'the text to post does not match the approved text';
  }
  // ... and be what the audit trail recorded as approved, which no one can rewrite unnoticed (see findApprovalRecord).
  const record = await findApprovalRecord(database, { caseId: item.caseId, idempotencyKey: item.idempotencyKey });
  if (record?.textHash !== item.textHash) return 'the text to post is not the approval on record in the audit trail';
  return undefined;
}

async function recordDelivery(
  options: { database: Database; clock: Clock },
  item: OutboxItem,
  receipt: string,
): Promise<void> {
  const now = options.clock.now();
  await options.database.transaction(async (transaction) => {
    // The case's row lock first, as an edit takes it: the case is closed only if no edit has made a new version.
    await transaction.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [item.caseId]);
    const updated = await transaction.query(
      `UPDATE outbox SET status = 'delivered', receipt = $2, delivered_at = $3, attempts = attempts + 1, last_error = NULL WHERE id = $1 AND status IN ('pending', 'voided') RETURNING id`,
      [item.id, receipt, now.toISOString()],
    );
    if (updated.length === 0) return;
    const [approval] = await transaction.query<{ version: number }>('SELECT version FROM approvals WHERE id = $1', [
      item.approvalId,
    ]);
    // The case is done only if what was posted is still its current, approved text. An edit accepted while this
    // was on its way is a correction: the case stays open until that version is approved and posted too.
    const closed = await transaction.query<{ id: string }>(
      `UPDATE cases SET status = 'posted', closed_at = $2 WHERE id = $1 AND status = 'approved' AND current_version = $3 RETURNING id`,
      [item.caseId, now.toISOString(), approval!.version],
    );
    const current = closed.length > 0 ? undefined : await findCase(transaction, item.caseId);
    // What was posted informs later answers to questions worded like this one (README, "Question bank"); an answer
    // already being corrected does not, as with one reopened for correction: the correction enters when posted.
    const questionBankEntry = current
      ? undefined
      : await enterQuestionBank(transaction, {
          caseId: item.caseId,
          approvalId: item.approvalId,
          postedText: item.text,
          postedAt: now,
        });
    await appendAuditEntry(transaction, {
      caseId: item.caseId,
      event: 'answer-posted',
      actor: `surface:${item.surface}`,
      occurredAt: now,
      details: {
        version: approval!.version,
        receipt,
        textHash: item.textHash,
        idempotencyKey: item.idempotencyKey,
        attempt: item.attempts + 1,
        questionBankEntry: questionBankEntry ?? null,
        ...(current && { correctionAwaitingApproval: current.currentVersion }),
      },
    });
  });
}

async function recordFailure(
  options: { database: Database; clock: Clock },
  item: OutboxItem,
  error: string,
  finalAttempt: boolean,
): Promise<void> {
  const now = options.clock.now();
  // 2 s, 4 s, 8 s ... up to 10 minutes between attempts.
  const { firstRetrySeconds, maxRetrySeconds } = DEFAULTS.outbox;
  const next = new Date(now.getTime() + Math.min(firstRetrySeconds * 2 ** item.attempts, maxRetrySeconds) * 1000);
  await options.database.transaction(async (transaction) => {
    await transaction.query(
      // The attempt is over and posted nothing: an edit may now withdraw the item before it is tried again.
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, status = $4, posting_started_at = NULL WHERE id = $1`,
      [item.id, error, next.toISOString(), finalAttempt ? 'failed' : 'pending'],
    );
    await appendAuditEntry(transaction, {
      caseId: item.caseId,
      event: 'delivery-failed',
      actor: `surface:${item.surface}`,
      occurredAt: now,
      details: {
        attempt: item.attempts + 1,
        error,
        willRetry: !finalAttempt,
        nextAttemptAt: finalAttempt ? null : next.toISOString(),
      },
    });
  });
}

async function refuse(options: { database: Database; clock: Clock }, item: OutboxItem, problem: string): Promise<void> {
  const now = options.clock.now();
  await options.database.transaction(async (transaction) => {
    await transaction.query(`UPDATE outbox SET status = 'voided', last_error = $2 WHERE id = $1`, [item.id, problem]);
    await appendAuditEntry(transaction, {
      caseId: item.caseId,
      event: 'delivery-refused',
      actor: 'outbox',
      occurredAt: now,
      details: { reason: problem, idempotencyKey: item.idempotencyKey },
    });
  });
}
