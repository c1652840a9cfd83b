import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import { computeDeadlines } from '../../review/deadline-policy.ts';
import { WorkingDayCalendar } from '../../review/working-day-calendar.ts';

const calendar = WorkingDayCalendar.fromFile(loadConfig({ environment: {} }).review.holidaysFile);

describe('deadlines', () => {
  it('counts 20 working days for an information request across the National Day holiday and its swapped Saturday', () => {
    // Received Monday 28 September 2026; 1-7 October are holidays, Saturday 10 October is worked.
    const deadlines = computeDeadlines({
      kind: 'information-request',
      severity: '一般',
      receivedAt: new Date('2026-09-28T10:00:00+08:00'),
      policy: DEFAULTS.deadlines,
      calendar,
    });
    expect(deadlines.dueAt.toISOString()).toBe('2026-10-30T15:59:59.999Z');
    expect(deadlines.basis).toContain('第三十三条');
  });

  it('does not count the day of receipt or the weekend', () => {
    const deadlines = computeDeadlines({
      kind: 'citizen-question',
      severity: '一般',
      receivedAt: new Date('2026-11-20T18:00:00+08:00'),
      policy: DEFAULTS.deadlines,
      calendar,
    });
    expect(deadlines.dueAt.toISOString()).toBe('2026-11-27T15:59:59.999Z');
  });

  it('counts in China time: 01:00 on Saturday in China is still Friday in UTC', () => {
    const plain = new WorkingDayCalendar({ holidays: [] });
    expect(plain.addWorkingDays(new Date('2026-11-20T17:30:00Z'), 1).toISOString()).toBe('2026-11-23T15:59:59.999Z');
  });

  it('gives a major opinion item 5 hours for authoritative information and 24 for the press conference, reminding at 80%', () => {
    const receivedAt = new Date('2026-11-22T01:00:00Z');
    const deadlines = computeDeadlines({
      kind: 'opinion-item',
      severity: '重大',
      receivedAt,
      policy: DEFAULTS.deadlines,
      calendar,
    });
    expect(deadlines.dueAt.toISOString()).toBe('2026-11-22T06:00:00.000Z');
    expect(deadlines.followUpDueAt?.toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(deadlines.remindAt.toISOString()).toBe('2026-11-22T05:00:00.000Z');
  });

  it('gives an ordinary opinion item 48 hours, and follows a configured policy', () => {
    const receivedAt = new Date('2026-11-22T01:00:00Z');
    expect(
      computeDeadlines({
        kind: 'opinion-item',
        severity: '较大',
        receivedAt,
        policy: DEFAULTS.deadlines,
        calendar,
      }).dueAt.toISOString(),
    ).toBe('2026-11-24T01:00:00.000Z');
    const policy = loadConfig({ environment: { HUIYING_OPINION_HOURS: '12' } }).review.deadlines;
    expect(
      computeDeadlines({ kind: 'opinion-item', severity: '一般', receivedAt, policy, calendar }).dueAt.toISOString(),
    ).toBe('2026-11-22T13:00:00.000Z');
  });

  it('rejects a calendar file with a malformed date, naming the file', () => {
    expect(() => WorkingDayCalendar.fromFile('/nonexistent/holidays.json')).toThrow(/holidays\.json/);
  });
});
