import type { Account } from './accounts/accounts.ts';
import type { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Queryable } from '../db/database.ts';
import type { DecisionOutcome } from './decision.ts';
import { findVersion, type CaseSummary } from './read-cases.ts';
import { renderPublicAnswer } from './render-public-answer.ts';
import { decisionRefused } from './review-error.ts';
import { textHash } from './text-hash.ts';

type Audit = (
  event: Parameters<typeof appendAuditEntry>[1]['event'],
  details: Record<string, unknown>,
) => Promise<unknown>;

/**
 * Approves exactly one version's text: the approver names the version and the hash of the text they saw, both
 * must be current, the approver must cover the case's unit and (by default) must not have written that text.
 * The approved text goes to the outbox in the same transaction, so it is delivered once even after a crash.
 */
export async function applyApproval(options: {
  transaction: Queryable;
  found: CaseSummary;
  actor: Account;
  version: number;
  textHash: string;
  separateApprover: boolean;
  now: Date;
  audit: Audit;
}): Promise<DecisionOutcome> {
  const { transaction, found, actor, now } = options;
  if (actor.unit !== null && actor.unit !== found.unit) {
    throw decisionRefused(
      `${actor.displayName} approves for ${actor.unit}, but case ${found.id} belongs to ${found.unit}. Ask an approver of that unit (only someone of that unit, or of every unit, may reassign it).`,
    );
  }
  if (found.status === 'approved') throw decisionRefused(`Case ${found.id} is already approved.`);
  if (found.status === 'received' || found.status === 'needs-revision') {
    throw decisionRefused(
      `Case ${found.id} has no draft awaiting approval (${found.status}); it must be drafted or revised first.`,
    );
  }
  if (options.version !== found.currentVersion) {
    throw decisionRefused(
      `Version ${options.version} is no longer current: the text was changed (now version ${found.currentVersion}). Review the new text before approving.`,
    );
  }
  const version = await findVersion(transaction, found.id, options.version);
  const rendered = version ? renderPublicAnswer(version) : '';
  if (!version || options.textHash !== version.textHash || textHash(rendered) !== version.textHash) {
    throw decisionRefused('The text you approved is not the text on record. Reload the case and review it again.');
  }
  const listed = new Set(version.sources.map((source) => source.number));
  const unlisted = [...new Set([...version.text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])))].filter(
    (number) => !listed.has(number),
  );
  if (unlisted.length > 0)
    throw decisionRefused(
      `正文引用的 ${unlisted.map((number) => `[${number}]`).join('')} 不在本版依据列表中（已移除或从未加入），公众将看到没有出处的编号：请先修改正文或加入该依据，再批准。`,
    );
  if (options.separateApprover && found.unitAssignedBy === actor.id) {
    throw decisionRefused(
      `${actor.displayName} 将案件 ${found.id} 转办至${found.unit}，不能再由本人批准：请${found.unit}的另一位审核人批准。`,
    );
  }
  if (options.separateApprover && version.authorAccountId === actor.id) {
    throw decisionRefused(
      `${actor.displayName} wrote or last edited version ${version.version}; another approver must approve it.`,
    );
  }
  const [approval] = await transaction.query<{ id: string }>(
    'INSERT INTO approvals (case_id, version, text_hash, approver_account_id, approved_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [found.id, version.version, version.textHash, actor.id, now.toISOString()],
  );
  const idempotencyKey = `case-${found.id}-v${version.version}-${version.textHash.slice(0, 16)}`;
  await transaction.query(
    `INSERT INTO outbox (case_id, approval_id, surface, reply_target, text, text_hash, idempotency_key, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      found.id,
      approval!.id,
      found.surface,
      JSON.stringify(found.replyTarget),
      rendered,
      version.textHash,
      idempotencyKey,
      now.toISOString(),
    ],
  );
  await transaction.query(`UPDATE cases SET status = 'approved' WHERE id = $1`, [found.id]);
  await options.audit('draft-approved', { version: version.version, textHash: version.textHash, idempotencyKey });
  const warnings =
    version.verification.removed.length > 0
      ? [`${version.verification.removed.length} sentence(s) are not supported by their citations`]
      : [];
  return { caseId: found.id, action: 'approve', version: version.version, warnings };
}
