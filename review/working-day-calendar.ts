import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HuiyingError } from '../config/huiying-error.ts';

const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');
const calendarFileSchema = z.object({
  holidays: z.array(ISO_DATE),
  workdays: z.array(ISO_DATE).default([]),
  /** The years the file holds a published schedule for; by default every year one of its dates falls in. */
  years: z.array(z.number().int().min(2000).max(2100)).optional(),
});

// Deadlines are counted in China Standard Time, which has no daylight saving.
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One year's public holidays and the weekend days worked in exchange, as the State Council publishes them. */
export type YearSchedule = { year: number; holidays: ReadonlyArray<string>; workdays: ReadonlyArray<string> };

/**
 * Working days: Monday to Friday, minus public holidays, plus the weekend days worked in exchange (调休). It knows
 * which years it has a schedule for: in a year without one every weekday counts (the Spring Festival too), so
 * deadlines that reach into such a year say so, and admins are warned to enter it.
 */
export class WorkingDayCalendar {
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;
  private readonly years: Set<number>;

  constructor(options: {
    holidays: ReadonlyArray<string>;
    workdays?: ReadonlyArray<string>;
    years?: ReadonlyArray<number>;
  }) {
    this.holidays = new Set(options.holidays);
    this.workdays = new Set(options.workdays ?? []);
    this.years = new Set(options.years ?? [...this.holidays, ...this.workdays].map((date) => Number(date.slice(0, 4))));
  }

  /** Reads a calendar file: `{ "holidays": ["2026-10-01", ...], "workdays": ["2026-10-10", ...] }`. */
  static fromFile(path: string): WorkingDayCalendar {
    let parsed: z.infer<typeof calendarFileSchema>;
    try {
      parsed = calendarFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch (error) {
      throw new HuiyingError({
        code: 'config-invalid',
        message: `The holiday calendar ${path} could not be read: ${(error as Error).message}. It must be JSON like {"holidays": ["2026-10-01"], "workdays": ["2026-10-10"]}.`,
        cause: error,
        details: { path },
      });
    }
    return new WorkingDayCalendar(parsed);
  }

  /** Whether the China-time calendar day `date` (YYYY-MM-DD) is a working day. */
  isWorkingDay(date: string): boolean {
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The years this calendar has a schedule for, in order. */
  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  /** The China-time years from `from` to `to` (inclusive) that have no schedule. */
  uncoveredYears(from: Date, to: Date): number[] {
    const missing: number[] = [];
    for (let year = Number(chinaDate(from).slice(0, 4)); year <= Number(chinaDate(to).slice(0, 4)); year += 1)
      if (!this.years.has(year)) missing.push(year);
    return missing;
  }

  /** Puts in (or replaces) one year's schedule. */
  setYear(schedule: YearSchedule): void {
    const prefix = `${schedule.year}-`;
    for (const set of [this.holidays, this.workdays])
      for (const date of [...set]) if (date.startsWith(prefix)) set.delete(date);
    for (const date of schedule.holidays) this.holidays.add(date);
    for (const date of schedule.workdays) this.workdays.add(date);
    this.years.add(schedule.year);
  }

  /** A copy, to try a change on before it is saved. */
  clone(): WorkingDayCalendar {
    return new WorkingDayCalendar({
      holidays: [...this.holidays],
      workdays: [...this.workdays],
      years: [...this.years],
    });
  }

  /**
   * The end (23:59:59.999 China time) of the `count`th working day after the day of `from`: the day of receipt
   * is not counted, as 政府信息公开条例 counts 自收到申请之日起 N 个工作日.
   */
  addWorkingDays(from: Date, count: number): Date {
    let day = chinaDate(from);
    let counted = 0;
    while (counted < count) {
      day = nextDate(day);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS + DAY_MS - 1);
  }
}

/** The years among this one and the next (China time) that the calendar has no schedule for. */
export function missingScheduleYears(calendar: WorkingDayCalendar, now: Date): number[] {
  const year = Number(chinaDate(now).slice(0, 4));
  return [year, year + 1].filter((candidate) => !calendar.coveredYears().includes(candidate));
}

/** The China-time calendar day of an instant, YYYY-MM-DD. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
