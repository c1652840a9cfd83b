import { actorName, type Account } from './accounts/accounts.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { draftCase } from './draft-case.ts';
import { findVersion, type DraftVersion } from './read-cases.ts';
import type { ReviewContext } from './review-context.ts';
import { submitInquiry } from './submit-inquiry.ts';

/**
 * Answers a staff member's policy question at once, on the record: the question becomes a `staff-question` case,
 * drafted for staff (terse, article-level citations), closed as answered internally, and never reviewed or posted.
 */
export async function answerStaffQuestion(
  context: Omit<ReviewContext, 'separateApprover' | 'escalationContact'>,
  options: { question: string; asker: Account; surface: string; replyTarget?: Record<string, unknown> },
): Promise<{ caseId: number; answer: DraftVersion }> {
  const { caseId } = await submitInquiry(context, {
    kind: 'staff-question',
    text: options.question,
    surface: options.surface,
    replyTarget: options.replyTarget,
    authorId: actorName(options.asker),
    receivedBy: actorName(options.asker),
  });
  await draftCase(context, caseId);
  const answer = await findVersion(context.database, caseId, 1);
  if (!answer) throw new Error(`Case ${caseId} was not drafted.`);
  await context.database.transaction((transaction) =>
    appendAuditEntry(transaction, {
      caseId,
      event: 'internal-answer-shown',
      actor: actorName(options.asker),
      occurredAt: context.clock.now(),
      details: { version: 1, textHash: answer.textHash },
    }),
  );
  return { caseId, answer };
}
