import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Surface } from './surface.ts';
import { loadHolidaySchedules } from './holiday-schedules.ts';
import type { ReviewContext } from './review-context.ts';

/** Cases whose answer is approved are done as far as deadlines go; the outbox takes it from there. */
const WAITING_ON_PEOPLE = `status NOT IN ('approved', 'posted', 'answered-internally') AND kind <> 'staff-question' AND closed_at IS NULL`;

/**
 * Reminds reviewers of cases near their deadline and escalates those past it to the configured contact, once each,
 * recorded in the audit log. Run it every minute; the clock is injected so tests can move time.
 */
export async function sweepDeadlines(
  context: Pick<ReviewContext, 'database' | 'calendar' | 'clock' | 'policy' | 'escalationContact'>,
  options: { surfaces: ReadonlyArray<Surface> },
): Promise<{ reminded: number[]; escalated: number[]; followUpReminded: number[] }> {
  const now = context.clock.now();
  // A schedule another process saved (an admin in another console) counts here from the next sweep on.
  await loadHolidaySchedules(context);
  const claim = (column: 'reminded_at' | 'escalated_at', due: 'remind_at' | 'due_at') =>
    context.database.query<{ id: string }>(
      `SELECT id FROM cases WHERE ${WAITING_ON_PEOPLE} AND ${column} IS NULL AND ${due} <= $1 ORDER BY ${due}`,
      [now.toISOString()],
    );
  const reminded: number[] = [];
  const escalated: number[] = [];
  for (const { id } of await claim('reminded_at', 'remind_at')) {
    const caseId = Number(id);
    const dueAt = await mark(context, {
      caseId,
      column: 'reminded_at',
      due: 'due_at',
      event: 'case-reminded',
      now,
      details: {},
    });
    if (!dueAt) continue;
    reminded.push(caseId);
    await notifyAll(options.surfaces, { kind: 'deadline-near', caseId, summary: `案件 ${caseId} 即将到期`, dueAt });
  }
  for (const { id } of await claim('escalated_at', 'due_at')) {
    const caseId = Number(id);
    const dueAt = await mark(context, {
      caseId,
      column: 'escalated_at',
      due: 'due_at',
      event: 'deadline-escalated',
      now,
      details: { to: context.escalationContact },
    });
    if (!dueAt) continue;
    escalated.push(caseId);
    await notifyAll(options.surfaces, {
      kind: 'deadline-passed',
      caseId,
      summary: `案件 ${caseId} 已超期，已上报 ${context.escalationContact}`,
      dueAt,
      escalateTo: context.escalationContact,
    });
  }
  // 重大 and 特别重大 items also owe a press conference (61号: within 24 hours), whether or not the first release is out.
  const followUps = await context.database.query<{ id: string }>(
    `SELECT id FROM cases WHERE follow_up_due_at IS NOT NULL AND follow_up_reminded_at IS NULL AND received_at + (follow_up_due_at - received_at) * $2::float8 <= $1 ORDER BY follow_up_due_at`,
    [now.toISOString(), context.policy.reminderAt],
  );
  const followUpReminded: number[] = [];
  for (const { id } of followUps) {
    const caseId = Number(id);
    const dueAt = await mark(context, {
      caseId,
      column: 'follow_up_reminded_at',
      due: 'follow_up_due_at',
      event: 'follow-up-reminded',
      now,
      details: {},
    });
    if (!dueAt) continue;
    followUpReminded.push(caseId);
    await notifyAll(options.surfaces, {
      kind: 'deadline-near',
      caseId,
      summary: `案件 ${caseId} 的新闻发布会期限将至`,
      dueAt,
    });
  }
  return { reminded, escalated, followUpReminded };
}

async function mark(
  context: Pick<ReviewContext, 'database' | 'clock' | 'escalationContact'>,
  options: {
    caseId: number;
    column: 'reminded_at' | 'escalated_at' | 'follow_up_reminded_at';
    due: 'due_at' | 'follow_up_due_at';
    event: 'case-reminded' | 'deadline-escalated' | 'follow-up-reminded';
    now: Date;
    details: Record<string, unknown>;
  },
): Promise<Date | undefined> {
  return context.database.transaction(async (transaction) => {
    const [row] = await transaction.query<{ due_at: string }>(
      `UPDATE cases SET ${options.column} = $2 WHERE id = $1 AND ${options.column} IS NULL RETURNING ${options.due} AS due_at`,
      [options.caseId, options.now.toISOString()],
    );
    if (!row) return undefined;
    const dueAt = new Date(row.due_at);
    await appendAuditEntry(transaction, {
      caseId: options.caseId,
      event: options.event,
      actor: 'deadline-monitor',
      occurredAt: options.now,
      details: { ...options.details, dueAt: dueAt.toISOString() },
    });
    return dueAt;
  });
}

async function notifyAll(
  surfaces: ReadonlyArray<Surface>,
  notice: Parameters<Surface['notifyReviewers']>[0],
): Promise<void> {
  // A surface that is down must not stop the others from hearing; the audit entry is already written.
  await Promise.allSettled(surfaces.map((surface) => surface.notifyReviewers(notice)));
}
