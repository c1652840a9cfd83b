import { actorName, type Account } from './accounts/accounts.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Queryable } from '../db/database.ts';
import { HuiyingError } from '../config/huiying-error.ts';
import { computeDeadlines } from './deadline-policy.ts';
import type { CaseKind } from './case-kinds.ts';
import type { ReviewContext } from './review-context.ts';
import type { YearSchedule } from './working-day-calendar.ts';
import type { Severity } from '../triage/triage-rules.ts';

export type StoredSchedule = YearSchedule & { source: string; enteredBy: string; enteredAt: Date };

/** The schedules admins entered in the console, by year. */
export async function listHolidaySchedules(database: Queryable): Promise<StoredSchedule[]> {
  const rows = await database.query<{
    year: number;
    holidays: string[];
    workdays: string[];
    source: string;
    entered_by: string;
    entered_at: string;
  }>('SELECT * FROM holiday_schedules ORDER BY year');
  return rows.map((row) => ({
    year: Number(row.year),
    holidays: row.holidays,
    workdays: row.workdays,
    source: row.source,
    enteredBy: row.entered_by,
    enteredAt: new Date(row.entered_at),
  }));
}

/** Adds the schedules entered in the console to the calendar (at start, and on each deadline sweep for other processes). */
export async function loadHolidaySchedules(context: Pick<ReviewContext, 'database' | 'calendar'>): Promise<void> {
  for (const schedule of await listHolidaySchedules(context.database)) context.calendar.setYear(schedule);
}

/**
 * Saves a year's schedule as an admin entered it, on record, and recomputes the deadline of every open case whose
 * working days run through that year (each change on record too), so cases received before the schedule was known
 * get the deadline the law gives them. The calendar in memory changes once all of it is saved.
 */
export async function saveHolidaySchedule(
  context: Pick<ReviewContext, 'database' | 'calendar' | 'clock' | 'policy'>,
  options: { schedule: YearSchedule; source: string; actor: Account },
): Promise<{ recomputed: number[] }> {
  const { schedule, actor } = options;
  const source = options.source.trim().slice(0, 500);
  if (source === '')
    throw new HuiyingError({
      code: 'usage-invalid',
      message: '请注明依据（如：国务院办公厅关于2027年部分节假日安排的通知，发布日期）。',
    });
  const now = context.clock.now();
  const calendar = context.calendar.clone();
  calendar.setYear(schedule);
  const recomputed = await context.database.transaction(async (transaction) => {
    const [previous] = await transaction.query<{ holidays: string[]; workdays: string[] }>(
      'SELECT holidays, workdays FROM holiday_schedules WHERE year = $1 FOR UPDATE',
      [schedule.year],
    );
    await transaction.query(
      `INSERT INTO holiday_schedules (year, holidays, workdays, source, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, workdays = EXCLUDED.workdays, source = EXCLUDED.source,
         entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at`,
      [
        schedule.year,
        JSON.stringify(schedule.holidays),
        JSON.stringify(schedule.workdays),
        source,
        actorName(actor),
        now.toISOString(),
      ],
    );
    await appendAuditEntry(transaction, {
      caseId: null,
      event: 'holiday-schedule-entered',
      actor: actorName(actor),
      occurredAt: now,
      details: {
        year: schedule.year,
        holidays: schedule.holidays,
        workdays: schedule.workdays,
        source,
        ...(previous && { replaced: previous }),
      },
    });
    return recomputeDeadlines(transaction, { context: { ...context, calendar }, year: schedule.year, actor, now });
  });
  context.calendar.setYear(schedule);
  return { recomputed };
}

async function recomputeDeadlines(
  transaction: Queryable,
  options: { context: Pick<ReviewContext, 'calendar' | 'policy'>; year: number; actor: Account; now: Date },
): Promise<number[]> {
  // Open cases counted in working days whose span from receipt to deadline may touch the year (China time, UTC+8).
  const cases = await transaction.query<{
    id: string;
    kind: CaseKind;
    severity: Severity;
    received_at: string;
    due_at: string;
    triage: Record<string, unknown>;
  }>(
    `SELECT id, kind, severity, received_at, due_at, triage FROM cases
     WHERE closed_at IS NULL AND kind IN ('information-request', 'citizen-question')
       AND extract(year FROM (received_at AT TIME ZONE 'UTC') + interval '8 hours') <= $1
       AND extract(year FROM (due_at AT TIME ZONE 'UTC') + interval '8 hours') >= $1 - 1
     FOR UPDATE`,
    [options.year],
  );
  const changed: number[] = [];
  for (const row of cases) {
    const deadlines = computeDeadlines({
      kind: row.kind,
      severity: row.severity,
      receivedAt: new Date(row.received_at),
      policy: options.context.policy,
      calendar: options.context.calendar,
    });
    const before = new Date(row.due_at);
    if (deadlines.dueAt.getTime() === before.getTime() && row.triage.deadlineBasis === deadlines.basis) continue;
    await transaction.query(
      `UPDATE cases SET due_at = $2, remind_at = $3, triage = jsonb_set(triage, '{deadlineBasis}', to_jsonb($4::text)) WHERE id = $1`,
      [row.id, deadlines.dueAt.toISOString(), deadlines.remindAt.toISOString(), deadlines.basis],
    );
    await appendAuditEntry(transaction, {
      caseId: Number(row.id),
      event: 'case-deadline-recomputed',
      actor: actorName(options.actor),
      occurredAt: options.now,
      details: {
        from: before.toISOString(),
        dueAt: deadlines.dueAt.toISOString(),
        reason: `${options.year}年节假日安排已录入`,
        deadlineBasis: deadlines.basis,
      },
    });
    changed.push(Number(row.id));
  }
  return changed;
}
