import { type Account, actorName } from './accounts/accounts.ts';
import { roleAllows } from './accounts/roles.ts';
import { appendAuditEntry, type AuditEvent } from '../audit/append-audit-entry.ts';
import type { Queryable } from '../db/database.ts';
import { insertChunks } from '../ingest/chunk-queries.ts';
import { insertDocument, withdrawDocuments } from '../ingest/document-queries.ts';
import { contentHash, prepareDocument } from '../ingest/prepare-document.ts';
import { withRefusalsRecorded } from './refusals-recorded.ts';
import type { ReviewContext } from './review-context.ts';
import { decisionRefused } from './review-error.ts';
import { chinaDate } from './working-day-calendar.ts';

export type TalkingPointProposal = {
  id: number;
  title: string;
  body: string;
  expiresOn: string;
  proposedBy: string;
  proposedAt: Date;
  status: 'pending' | 'published' | 'rejected' | 'withdrawn';
  decidedBy: string | null;
  reason: string | null;
  documentId: number | null;
};

const MAX_TITLE = 200;
const MAX_BODY = 20_000;
// A talking point is for an incident or a season, not for ever: a year at most, then it is written again.
const MAX_DAYS = 366;

/** What the talking-point steps read: the knowledge base's embedder, the approver rule and the clock. */
type TalkingPointContext = Pick<ReviewContext, 'database' | 'clock' | 'embedder' | 'separateApprover'>;

/**
 * A drafter proposes a talking point (口径): title, text and the last day it may be used. Nothing is used until an
 * approver publishes it. Refusals (role, empty or oversized text, a date in the past or over a year ahead) throw
 * `decision-refused` with the reason.
 */
export async function proposeTalkingPoint(
  context: TalkingPointContext,
  request: { actor: Account; title: string; text: string; expiresOn: string },
): Promise<number> {
  return refusalsRecorded(context, request.actor, 'propose', null, async (transaction) => {
    if (!roleAllows(request.actor.role, 'edit')) throw decisionRefused('只有起草人、审核人和管理员可以拟写口径。');
    const title = request.title.trim();
    const text = request.text.trim();
    if (title === '' || title.length > MAX_TITLE || /[\r\n]/.test(title))
      throw decisionRefused(`口径标题应为一行，1 至 ${MAX_TITLE} 字。`);
    if (text === '' || text.length > MAX_BODY) throw decisionRefused(`口径全文应为 1 至 ${MAX_BODY} 字。`);
    checkExpiry(context, request.expiresOn);
    const [row] = await transaction.query<{ id: string }>(
      `INSERT INTO talking_point_proposals (title, body, expires_on, proposed_by, proposed_at) VALUES ($1, $2, $3::date, $4, $5) RETURNING id`,
      [title, text, request.expiresOn, request.actor.id, context.clock.now().toISOString()],
    );
    const id = Number(row!.id);
    await audit(context, transaction, {
      event: 'talking-point-proposed',
      actor: request.actor,
      details: { proposal: id, title, expiresOn: request.expiresOn },
    });
    return id;
  });
}

/**
 * An approver publishes a pending proposal (stored as a talking-points document with the approver's name and the
 * expiry, used verbatim from then on) or rejects it with a reason. With HUIYING_SEPARATE_APPROVER on, the proposer
 * cannot publish their own text.
 */
export async function decideTalkingPoint(
  context: TalkingPointContext,
  request: {
    actor: Account;
    proposalId: number;
    decision: { action: 'publish' } | { action: 'reject'; reason: string };
  },
): Promise<void> {
  const proposal = await findProposal(context.database, request.proposalId);
  // Chunked and embedded before the transaction (the embedder may be a remote model), and only when the step can
  // publish: the transaction checks role and status again, and a proposal never returns to pending.
  const canPublish =
    request.decision.action === 'publish' &&
    proposal?.status === 'pending' &&
    roleAllows(request.actor.role, 'approve');
  const prepared = canPublish ? await prepareTalkingPoint(context, proposal, request.actor) : undefined;
  await refusalsRecorded(context, request.actor, request.decision.action, request.proposalId, async (transaction) => {
    if (!roleAllows(request.actor.role, 'approve')) throw decisionRefused('只有审核人和管理员可以发布或退回口径。');
    const [current] = await transaction.query<{ status: string; proposed_by: string }>(
      'SELECT status, proposed_by FROM talking_point_proposals WHERE id = $1 FOR UPDATE',
      [request.proposalId],
    );
    if (!current) throw decisionRefused(`口径库中没有第 ${request.proposalId} 号口径。`);
    if (current.status !== 'pending')
      throw decisionRefused(
        `第 ${request.proposalId} 号口径已${PROPOSAL_STATUS[current.status] ?? '处理'}，不能再审核。`,
      );
    const now = context.clock.now().toISOString();
    if (request.decision.action === 'reject') {
      const reason = request.decision.reason.trim();
      if (reason === '') throw decisionRefused('请说明退回口径的理由。');
      await transaction.query(
        `UPDATE talking_point_proposals SET status = 'rejected', decided_by = $2, decided_at = $3, reason = $4 WHERE id = $1`,
        [request.proposalId, request.actor.id, now, reason],
      );
      await audit(context, transaction, {
        event: 'talking-point-rejected',
        actor: request.actor,
        details: { proposal: request.proposalId, reason },
      });
      return;
    }
    if (context.separateApprover && Number(current.proposed_by) === request.actor.id)
      throw decisionRefused('这条口径是您拟写的，不能由本人发布：请另一位审核人发布。');
    checkExpiry(context, proposal!.expiresOn);
    const documentId = await insertDocument(transaction, { ...prepared!, version: 1 });
    await insertChunks(
      transaction,
      prepared!.chunks.map((chunk) => ({ ...chunk, documentId })),
    );
    await transaction.query(
      `UPDATE talking_point_proposals SET status = 'published', decided_by = $2, decided_at = $3, document_id = $4 WHERE id = $1`,
      [request.proposalId, request.actor.id, now, documentId],
    );
    await audit(context, transaction, {
      event: 'talking-point-published',
      actor: request.actor,
      details: {
        proposal: request.proposalId,
        document: documentId,
        title: proposal!.title,
        expiresOn: proposal!.expiresOn,
      },
    });
  });
}

/** An approver withdraws a published talking point before it expires: it is no longer used from that moment. */
export async function withdrawTalkingPoint(
  context: TalkingPointContext,
  request: { actor: Account; proposalId: number; reason: string },
): Promise<void> {
  await refusalsRecorded(context, request.actor, 'withdraw', request.proposalId, async (transaction) => {
    if (!roleAllows(request.actor.role, 'approve')) throw decisionRefused('只有审核人和管理员可以撤回口径。');
    const reason = request.reason.trim();
    if (reason === '') throw decisionRefused('请说明撤回口径的理由。');
    const [current] = await transaction.query<{ status: string; document_id: string | null }>(
      'SELECT status, document_id FROM talking_point_proposals WHERE id = $1 FOR UPDATE',
      [request.proposalId],
    );
    if (!current || current.status !== 'published' || current.document_id === null)
      throw decisionRefused(`第 ${request.proposalId} 号口径尚未发布，无需撤回。`);
    await withdrawDocuments(transaction, [Number(current.document_id)]);
    await transaction.query(`UPDATE talking_point_proposals SET status = 'withdrawn', reason = $2 WHERE id = $1`, [
      request.proposalId,
      reason,
    ]);
    await audit(context, transaction, {
      event: 'talking-point-withdrawn',
      actor: request.actor,
      details: { proposal: request.proposalId, document: Number(current.document_id), reason },
    });
  });
}

/** Proposals, newest first: pending ones for approvers, the rest as a record. */
export async function listTalkingPointProposals(
  database: Queryable,
  options: { limit?: number } = {},
): Promise<TalkingPointProposal[]> {
  const rows = await database.query<ProposalRow>(
    `${SELECT_PROPOSALS} ORDER BY p.status <> 'pending', p.proposed_at DESC, p.id DESC LIMIT $1`,
    [options.limit ?? 100],
  );
  return rows.map(toProposal);
}

export async function findProposal(database: Queryable, id: number): Promise<TalkingPointProposal | undefined> {
  const [row] = await database.query<ProposalRow>(`${SELECT_PROPOSALS} WHERE p.id = $1`, [id]);
  return row ? toProposal(row) : undefined;
}

type ProposalRow = {
  id: string;
  title: string;
  body: string;
  expires_on: string;
  proposed_by: string;
  proposed_at: Date | string;
  status: TalkingPointProposal['status'];
  decided_by: string | null;
  reason: string | null;
  document_id: string | null;
};

const SELECT_PROPOSALS = `SELECT p.id, p.title, p.body, to_char(p.expires_on, 'YYYY-MM-DD') AS expires_on, proposer.display_name AS proposed_by, p.proposed_at,
  p.status, decider.display_name AS decided_by, p.reason, p.document_id
  FROM talking_point_proposals p JOIN accounts proposer ON proposer.id = p.proposed_by LEFT JOIN accounts decider ON decider.id = p.decided_by`;

function toProposal(row: ProposalRow): TalkingPointProposal {
  return {
    id: Number(row.id),
    title: row.title,
    body: row.body,
    expiresOn: row.expires_on,
    proposedBy: row.proposed_by,
    proposedAt: new Date(row.proposed_at),
    status: row.status,
    decidedBy: row.decided_by,
    reason: row.reason,
    documentId: row.document_id === null ? null : Number(row.document_id),
  };
}

// The published text, as a Markdown document with its metadata given (not guessed): type, approver, expiry, date.
async function prepareTalkingPoint(context: TalkingPointContext, proposal: TalkingPointProposal, approver: Account) {
  const bytes = new TextEncoder().encode(`# ${proposal.title}\n\n${proposal.body}\n`);
  const sidecar = {
    title: proposal.title,
    docType: 'talking-points' as const,
    approver: approver.displayName,
    expiresOn: proposal.expiresOn,
    publishedDate: chinaDate(context.clock.now()),
    validity: '有效' as const,
  };
  return prepareDocument({
    sourceUri: `huiying:talking-points/${proposal.id}`,
    bytes,
    format: 'markdown',
    sidecar,
    hash: contentHash(bytes, sidecar),
    embedder: context.embedder,
  });
}

const PROPOSAL_STATUS: Record<string, string> = { published: '发布', rejected: '退回', withdrawn: '撤回' };

function checkExpiry(context: TalkingPointContext, expiresOn: string): void {
  const today = chinaDate(context.clock.now());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiresOn) || Number.isNaN(Date.parse(`${expiresOn}T00:00:00Z`)))
    throw decisionRefused('请按 YYYY-MM-DD 填写口径的有效期（最后一天）。');
  const days = (Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  if (days < 0) throw decisionRefused(`有效期 ${expiresOn} 早于今天（${today}），口径将已过期。`);
  if (days > MAX_DAYS)
    throw decisionRefused(
      `口径最长使用一年，请选择 ${chinaDate(new Date(Date.parse(`${today}T00:00:00Z`) + MAX_DAYS * 86_400_000))} 之前的日期。`,
    );
}

async function audit(
  context: TalkingPointContext,
  transaction: Queryable,
  entry: { event: AuditEvent; actor: Account; details: Record<string, unknown> },
): Promise<void> {
  await appendAuditEntry(transaction, {
    caseId: null,
    event: entry.event,
    actor: actorName(entry.actor),
    occurredAt: context.clock.now(),
    details: entry.details,
  });
}

// A talking point's step, refusals recorded as for cases (no case: the proposal is named in the details).
function refusalsRecorded<T>(
  context: TalkingPointContext,
  actor: Account,
  action: string,
  proposalId: number | null,
  step: (transaction: Queryable) => Promise<T>,
): Promise<T> {
  return withRefusalsRecorded(context, { caseId: null, actor, details: { talkingPoint: proposalId, action } }, step);
}
