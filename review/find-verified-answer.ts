import { findApprovalRecord } from '../audit/find-approval-record.ts';
import type { Queryable } from '../db/database.ts';
import { textHash } from './text-hash.ts';

/** A published answer as the public may see it: shown only if it is exactly the approved text. */
export type VerifiedAnswer =
  | { shown: true; text: string; publishedAt: Date; corrects?: Date; withdrawn?: { at: Date; reason: string } }
  | { shown: false; publishedAt: Date; reason: string };

type PublishedRow = {
  text: string;
  published_at: string;
  idempotency_key: string;
  outbox_hash: string | null;
  approval_hash: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
};

/**
 * The newest answer published for a case on the web surface, checked before anyone reads it: its text must hash to
 * the hash its approval names, and to the hash the audit trail recorded when it was approved (an intact entry, with
 * the audit key a signed one). A text rewritten in the database after publication is withheld, never shown.
 */
export async function findVerifiedAnswer(database: Queryable, caseId: number): Promise<VerifiedAnswer | undefined> {
  const [newest, earlier] = await database.query<PublishedRow>(
    `SELECT answer.text, answer.published_at, answer.idempotency_key, answer.withdrawn_at, answer.withdrawn_reason,
            outbox.text_hash AS outbox_hash, approvals.text_hash AS approval_hash
     FROM public_answers answer
     LEFT JOIN outbox ON outbox.idempotency_key = answer.idempotency_key
     LEFT JOIN approvals ON approvals.id = outbox.approval_id
     WHERE answer.case_id = $1 ORDER BY answer.sequence DESC LIMIT 2`,
    [caseId],
  );
  if (!newest) return undefined;
  const publishedAt = new Date(newest.published_at);
  const record = await findApprovalRecord(database, { caseId, idempotencyKey: newest.idempotency_key });
  const hash = textHash(newest.text);
  const reason = !record
    ? 'no intact approval of it is on record in the audit trail'
    : hash !== record.textHash
      ? `its text does not hash to the approved hash (audit entry ${record.sequence})`
      : newest.outbox_hash !== hash || newest.approval_hash !== hash
        ? 'its approval or outbox record names another text'
        : undefined;
  if (reason) return { shown: false, publishedAt, reason };
  return {
    shown: true,
    text: newest.text,
    publishedAt,
    ...(earlier && { corrects: new Date(earlier.published_at) }),
    ...(newest.withdrawn_at
      ? { withdrawn: { at: new Date(newest.withdrawn_at), reason: newest.withdrawn_reason ?? '' } }
      : {}),
  };
}
