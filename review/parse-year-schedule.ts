import { HuiyingError } from '../config/huiying-error.ts';
import type { YearSchedule } from './working-day-calendar.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const LONGEST_RANGE_DAYS = 31;

/**
 * Reads a year's schedule as an admin types it from the State Council's notice: dates (YYYY-MM-DD) or ranges
 * (2027-02-06~2027-02-12, also with 至 or --), separated by spaces, commas, 、 or new lines. Every date must lie in
 * that year; swapped working days must be Saturdays or Sundays; no day may be both; and a year has holidays.
 * A mistake is refused with what to fix, in Chinese (the console shows it).
 */
export function parseYearSchedule(input: { year: string; holidays: string; workdays: string }): YearSchedule {
  const year = Number(input.year.trim());
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid('请填写年份（如 2027）。');
  const holidays = parseDates(input.holidays, { year, what: '放假日期' });
  const workdays = parseDates(input.workdays, { year, what: '调休上班日期' });
  if (holidays.length === 0) throw invalid(`请填写${year}年的放假日期（国务院办公厅通知中的每个放假日）。`);
  const both = holidays.filter((date) => workdays.includes(date));
  if (both.length > 0) throw invalid(`${both.join('、')} 不能既是放假日又是上班日。`);
  const weekdays = workdays.filter((date) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()));
  if (weekdays.length > 0) throw invalid(`调休上班日应为周六或周日：${weekdays.join('、')} 是工作日本身，请核对通知。`);
  return { year, holidays, workdays };
}

function parseDates(text: string, options: { year: number; what: string }): string[] {
  const dates = new Set<string>();
  for (const token of text.split(/[\s,，、;；]+/).filter(Boolean)) {
    const [first, last, extra] = token.split(/~|～|至|--/);
    if (extra !== undefined) throw invalid(`${options.what}中的“${token}”无法识别。`);
    const start = parseDate(first!, token, options);
    const end = last === undefined ? start : parseDate(last, token, options);
    const days = (Date.parse(end) - Date.parse(start)) / DAY_MS;
    if (days < 0 || days > LONGEST_RANGE_DAYS)
      throw invalid(`${options.what}中的“${token}”不是有效的日期区间（应由早到晚，最长 ${LONGEST_RANGE_DAYS} 天）。`);
    for (let day = 0; day <= days; day += 1)
      dates.add(new Date(Date.parse(start) + day * DAY_MS).toISOString().slice(0, 10));
  }
  return [...dates].sort();
}

function parseDate(text: string, token: string, options: { year: number; what: string }): string {
  const date = text.trim();
  const instant = Date.parse(`${date}T00:00:00Z`);
  // 2027-02-30 parses to NaN or rolls over to March: either way it is no day of the calendar.
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(instant) && new Date(instant).toISOString().startsWith(date);
  if (!valid)
    throw invalid(
      `${options.what}中的“${token}”不是日期：请写成 ${options.year}-02-06 或 ${options.year}-02-06~${options.year}-02-12。`,
    );
  if (!date.startsWith(`${options.year}-`)) throw invalid(`${options.what}中的 ${date} 不在${options.year}年内。`);
  return date;
}

function invalid(message: string): HuiyingError {
  return new HuiyingError({ code: 'usage-invalid', message });
}
