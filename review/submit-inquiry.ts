import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { redactPersonalData } from '../privacy/redact-personal-data.ts';
import { triageOpinion } from '../triage/triage-opinion.ts';
import { topicOf } from '../triage/triage-rules.ts';
import type { CaseKind } from './case-kinds.ts';
import { computeDeadlines } from './deadline-policy.ts';
import { pseudonymise } from './pseudonymise.ts';
import { newPublicReference } from './public-reference.ts';
import type { ReviewContext } from './review-context.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { HuiyingError } from '../config/huiying-error.ts';

/** Where an approved answer must go: the surface and what it needs to find the thread (a web reference, a Slack thread...). */
export type ReplyTarget = { surface: string } & Record<string, unknown>;

export type ReceivedInquiry = { caseId: number; publicReference: string; dueAt: Date; duplicate: boolean };

/**
 * Records an inquiry as a case: pseudonymous author, text kept for review and redacted for display, triage (topic,
 * severity, unit) and deadlines. Drafting follows in `draftCase`, so receipt never waits for retrieval.
 */
export async function submitInquiry(
  context: Pick<ReviewContext, 'database' | 'clock' | 'calendar' | 'policy' | 'defaultUnit'>,
  inquiry: {
    kind: CaseKind;
    text: string;
    surface: string;
    replyTarget?: Record<string, unknown>;
    authorId: string;
    receivedBy: string;
    /** The sender's key for this inquiry: submitting it again returns the first case instead of a second one. */
    sourceKey?: string;
    /**
     * A hash of what was sent under `sourceKey` (the API's body). The same key with another fingerprint is refused
     * (`idempotency-key-reused`) rather than answered with the first case, which would drop the second inquiry.
     * Chat surfaces leave it out: their key names the message itself, and a redelivered event is the same message.
     */
    sourceFingerprint?: string;
    /** The API key that submitted the inquiry: only that key may read the case through the API. */
    apiKeyId?: number;
  },
): Promise<ReceivedInquiry> {
  const receivedAt = context.clock.now();
  const triage = triageOpinion(inquiry.text);
  const topic = topicOf(inquiry.text);
  // Only opinion items are graded by the incident scale; a citizen's question is 一般 unless a reviewer says otherwise.
  const severity = inquiry.kind === 'opinion-item' ? triage.severity : '一般';
  const unit = topic?.department ?? context.defaultUnit;
  const deadlines = computeDeadlines({
    kind: inquiry.kind,
    severity,
    receivedAt,
    policy: context.policy,
    calendar: context.calendar,
  });
  const publicReference = newPublicReference();
  const replyTarget: ReplyTarget = {
    ...(inquiry.replyTarget ?? {}),
    surface: inquiry.surface,
    reference: publicReference,
  };
  try {
    return await insertCase();
  } catch (error) {
    // Two submissions with one key at the same moment on a server: the unique key lets one in; the other finds it.
    if (inquiry.sourceKey !== undefined && isUniqueViolation(error)) return insertCase();
    throw error;
  }

  function insertCase(): Promise<ReceivedInquiry> {
    return context.database.transaction(async (transaction) => {
      if (inquiry.sourceKey !== undefined) {
        const [existing] = await transaction.query<{
          id: string;
          public_reference: string;
          due_at: string;
          source_fingerprint: string | null;
        }>('SELECT id, public_reference, due_at, source_fingerprint FROM cases WHERE source_key = $1', [
          inquiry.sourceKey,
        ]);
        if (existing && differs(existing.source_fingerprint, inquiry.sourceFingerprint)) throw keyReused();
        if (existing)
          return {
            caseId: Number(existing.id),
            publicReference: existing.public_reference,
            dueAt: new Date(existing.due_at),
            duplicate: true,
          };
      }
      const author = await pseudonymise(transaction, { surface: inquiry.surface, authorId: inquiry.authorId });
      const [row] = await transaction.query<{ id: string }>(
        `INSERT INTO cases (public_reference, kind, surface, reply_target, author_pseudonym, original_text, display_text, topic, severity, unit, triage,
                            status, received_at, due_at, remind_at, follow_up_due_at, source_key, source_fingerprint, api_key_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'received', $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
        [
          publicReference,
          inquiry.kind,
          inquiry.surface,
          JSON.stringify(replyTarget),
          author,
          inquiry.text,
          redactPersonalData(inquiry.text).text,
          topic?.topic ?? null,
          severity,
          unit,
          JSON.stringify({ ...triage, deadlineBasis: deadlines.basis }),
          receivedAt.toISOString(),
          deadlines.dueAt.toISOString(),
          deadlines.remindAt.toISOString(),
          deadlines.followUpDueAt?.toISOString() ?? null,
          inquiry.sourceKey ?? null,
          inquiry.sourceFingerprint ?? null,
          inquiry.apiKeyId ?? null,
        ],
      );
      const caseId = Number(row!.id);
      await appendAuditEntry(transaction, {
        caseId,
        event: 'inquiry-received',
        actor: inquiry.receivedBy,
        occurredAt: receivedAt,
        details: {
          kind: inquiry.kind,
          surface: inquiry.surface,
          author,
          severity,
          unit,
          dueAt: deadlines.dueAt.toISOString(),
          deadlineBasis: deadlines.basis,
        },
      });
      return { caseId, publicReference, dueAt: deadlines.dueAt, duplicate: false };
    });
  }
}

// A case stored before fingerprints were kept has none: it is taken as the same inquiry, as it was then.
function differs(stored: string | null, given: string | undefined): boolean {
  return stored !== null && given !== undefined && stored !== given;
}

function keyReused(): HuiyingError {
  return new HuiyingError({
    code: 'idempotency-key-reused',
    message:
      'This Idempotency-Key was already used for a different inquiry. Send a new inquiry with a new key; resend the same body only to retry.',
  });
}
