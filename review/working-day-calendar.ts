import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HuiyingError } from '../config/huiying-error.ts';

const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');
const calendarFileSchema = z.object({ holidays: z.array(ISO_DATE), workdays: z.array(ISO_DATE).default([]) });

// Deadlines are counted in China Standard Time, which has no daylight saving.
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Working days: Monday to Friday, minus public holidays, plus the weekend days worked in exchange (调休). */
export class WorkingDayCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;

  constructor(options: { holidays: ReadonlyArray<string>; workdays?: ReadonlyArray<string> }) {
    this.holidays = new Set(options.holidays);
    this.workdays = new Set(options.workdays ?? []);
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

/** The China-time calendar day of an instant, YYYY-MM-DD. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
