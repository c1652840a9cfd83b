import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../config/defaults.ts';
import { loadConfig } from '../../config/load-config.ts';
import { computeDeadlines } from '../../review/deadline-policy.ts';
import { parseYearSchedule } from '../../review/parse-year-schedule.ts';
import { missingScheduleYears, WorkingDayCalendar } from '../../review/working-day-calendar.ts';

const bundled = () => WorkingDayCalendar.fromFile(loadConfig({ environment: {} }).review.holidaysFile);
const informationRequest = (receivedAt: string, calendar: WorkingDayCalendar) =>
  computeDeadlines({
    kind: 'information-request',
    severity: '一般',
    receivedAt: new Date(receivedAt),
    policy: DEFAULTS.deadlines,
    calendar,
  });

describe('the holiday calendar at the end of its schedule', () => {
  it('says so on a deadline whose working days run into a year without a schedule, and not on one that does not', () => {
    const crossing = informationRequest('2026-12-14T10:00:00+08:00', bundled());
    expect(crossing.dueAt.toISOString().slice(0, 4)).toBe('2027');
    expect(crossing.calendarGaps).toEqual([2027]);
    expect(crossing.basis).toContain('第三十三条');
    expect(crossing.basis).toContain('2027年的节假日安排尚未录入');

    const inside = informationRequest('2026-11-02T10:00:00+08:00', bundled());
    expect(inside.calendarGaps).toBeUndefined();
    expect(inside.basis).not.toContain('尚未录入');
  });

  it("knows which of this year and next have no schedule: on 1 December 2026 that is 2027, the bundled file's gap", () => {
    const calendar = bundled();
    expect(calendar.coveredYears()).toEqual([2026]);
    expect(missingScheduleYears(calendar, new Date('2026-12-01T09:00:00+08:00'))).toEqual([2027]);
    expect(missingScheduleYears(calendar, new Date('2027-01-01T00:30:00+08:00'))).toEqual([2027, 2028]);
    // 31 December 23:30 UTC is already 1 January in China.
    expect(missingScheduleYears(calendar, new Date('2026-12-31T23:30:00Z'))).toEqual([2027, 2028]);
  });

  it('counts a year entered later with its holidays and swapped days, moving the deadline past them', () => {
    const calendar = bundled();
    const before = informationRequest('2026-12-14T10:00:00+08:00', calendar);
    // A schedule typed for this test, not the published one (the State Council's notice is not bundled).
    calendar.setYear({ year: 2027, holidays: ['2027-01-01', '2027-01-04', '2027-01-05'], workdays: ['2027-01-09'] });
    const after = informationRequest('2026-12-14T10:00:00+08:00', calendar);
    expect(after.calendarGaps).toBeUndefined();
    expect(after.dueAt.getTime() - before.dueAt.getTime()).toBe(2 * 24 * 3600 * 1000);
  });
});

describe('a year schedule typed by an admin', () => {
  const parse = (holidays: string, workdays = '', year = '2027') => parseYearSchedule({ year, holidays, workdays });

  it('reads dates and ranges separated as people type them', () => {
    expect(
      parse('2027-01-01，2027-02-05~2027-02-07、2027-10-01至2027-10-02\n2027-05-01', '2027-01-09 2027-02-20'),
    ).toEqual({
      year: 2027,
      holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-05-01', '2027-10-01', '2027-10-02'],
      workdays: ['2027-01-09', '2027-02-20'],
    });
  });

  it('refuses what would make deadlines wrong, saying what to fix', () => {
    expect(() => parse('')).toThrow(/请填写2027年的放假日期/);
    expect(() => parse('2026-12-31')).toThrow(/不在2027年内/);
    expect(() => parse('2027-02-30')).toThrow(/不是日期/);
    expect(() => parse('2027-02-07~2027-02-05')).toThrow(/不是有效的日期区间/);
    expect(() => parse('2027-01-01~2027-03-31')).toThrow(/最长 31 天/);
    expect(() => parse('2027-01-01', '2027-01-06')).toThrow(/应为周六或周日/);
    expect(() => parse('2027-01-09', '2027-01-09')).toThrow(/不能既是放假日又是上班日/);
    expect(() => parse('2027-01-01', '', '27')).toThrow(/请填写年份/);
  });
});
