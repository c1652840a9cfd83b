import { SEVERITIES, type Severity } from '../triage/triage-rules.ts';
import type { CaseKind } from './case-kinds.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';
import type { DeadlinePolicy } from '../config/defaults.ts';

export type CaseDeadlines = { dueAt: Date; remindAt: Date; followUpDueAt: Date | null; basis: string };

const HOUR_MS = 60 * 60 * 1000;

/** When a case received at `receivedAt` is due, when to remind, and the rule that says so. */
export function computeDeadlines(options: {
  kind: CaseKind;
  severity: Severity;
  receivedAt: Date;
  policy: DeadlinePolicy;
  calendar: WorkingDayCalendar;
}): CaseDeadlines {
  const { kind, severity, receivedAt, policy, calendar } = options;
  const start = receivedAt.getTime();
  const withReminder = (dueAt: Date, followUpDueAt: Date | null, basis: string): CaseDeadlines => ({
    dueAt,
    followUpDueAt,
    basis,
    remindAt: new Date(start + (dueAt.getTime() - start) * policy.reminderAt),
  });
  if (kind === 'staff-question')
    return { dueAt: receivedAt, remindAt: receivedAt, followUpDueAt: null, basis: '内部咨询：即时答复，不经审核' };
  if (kind === 'opinion-item' && SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf('重大')) {
    return withReminder(
      new Date(start + policy.majorReleaseHours * HOUR_MS),
      new Date(start + policy.majorPressHours * HOUR_MS),
      `国办发〔2016〕61号：${severity}舆情${policy.majorReleaseHours}小时内发布权威信息，${policy.majorPressHours}小时内举行新闻发布会`,
    );
  }
  if (kind === 'opinion-item') {
    return withReminder(
      new Date(start + policy.opinionHours * HOUR_MS),
      null,
      `国办发〔2016〕61号：涉及群众切身利益的政务舆情${policy.opinionHours}小时内回应`,
    );
  }
  if (kind === 'information-request') {
    return withReminder(
      calendar.addWorkingDays(receivedAt, policy.informationRequestWorkingDays),
      null,
      `政府信息公开条例 第三十三条：自收到申请之日起${policy.informationRequestWorkingDays}个工作日内答复`,
    );
  }
  return withReminder(
    calendar.addWorkingDays(receivedAt, policy.citizenQuestionWorkingDays),
    null,
    `本单位规定：群众咨询${policy.citizenQuestionWorkingDays}个工作日内答复`,
  );
}
