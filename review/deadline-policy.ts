import { SEVERITIES, type Severity } from '../triage/triage-rules.ts';
import type { CaseKind } from './case-kinds.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';
import type { DeadlinePolicy } from '../config/defaults.ts';

export type CaseDeadlines = {
  dueAt: Date;
  remindAt: Date;
  followUpDueAt: Date | null;
  basis: string;
  /** Years the working days were counted through without a holiday schedule: the date may be wrong. */
  calendarGaps?: number[];
};

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
  const days =
    kind === 'information-request' ? policy.informationRequestWorkingDays : policy.citizenQuestionWorkingDays;
  const rule =
    kind === 'information-request'
      ? `政府信息公开条例 第三十三条：自收到申请之日起${days}个工作日内答复`
      : `本单位规定：群众咨询${days}个工作日内答复`;
  const dueAt = calendar.addWorkingDays(receivedAt, days);
  const gaps = calendar.uncoveredYears(receivedAt, dueAt);
  if (gaps.length === 0) return withReminder(dueAt, null, rule);
  // Counted as if every weekday of those years were a working day: say so where the deadline is shown.
  const warning = `注意：${gaps.join('、')}年的节假日安排尚未录入，期限暂按周一至周五计算，可能早于实际期限；管理员录入后将重新计算`;
  return { ...withReminder(dueAt, null, `${rule}（${warning}）`), calendarGaps: gaps };
}
