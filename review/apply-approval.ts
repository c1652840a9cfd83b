import { STATUS_LABELS } from './case-kinds.ts';
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
      `${actor.displayName} 负责${actor.unit}的审核，案件 ${found.id} 由${found.unit}负责：请${found.unit}的审核人批准（只有该单位或不限单位的人员可以转办）。`,
    );
  }
  if (found.status === 'approved') throw decisionRefused(`案件 ${found.id} 已批准，无需再次批准。`);
  if (found.status === 'received' || found.status === 'needs-revision') {
    throw decisionRefused(`案件 ${found.id} 没有待批准的草稿（${STATUS_LABELS[found.status]}），需先生成或修改草稿。`);
  }
  if (options.version !== found.currentVersion) {
    throw decisionRefused(
      `第 ${options.version} 版已不是当前版本：文本已修改（现为第 ${found.currentVersion} 版），请审阅新文本后再批准。`,
    );
  }
  const version = await findVersion(transaction, found.id, options.version);
  const rendered = version ? renderPublicAnswer(version) : '';
  if (!version || options.textHash !== version.textHash || textHash(rendered) !== version.textHash) {
    throw decisionRefused('您批准的文本与记录中的文本不一致，请刷新案件页面后重新审阅。');
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
      `${actor.displayName} 撰写或修改了第 ${version.version} 版，不能由本人批准：请另一位审核人批准。`,
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
    version.verification.removed.length > 0 ? [`有 ${version.verification.removed.length} 句未获引用来源支持`] : [];
  return { caseId: found.id, action: 'approve', version: version.version, warnings };
}
