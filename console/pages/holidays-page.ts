import type { StoredSchedule } from '../../review/holiday-schedules.ts';
import { formatChinaTime } from '../../text/format-time.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * 节假日安排: which years the working-day calendar knows (from the calendar file or entered here), which of this year
 * and next it lacks, and a form for a year's holidays and swapped working days as the State Council published them.
 */
export function holidaysPage(options: {
  coveredYears: number[];
  missingYears: number[];
  entered: StoredSchedule[];
  csrfToken: string;
  values?: { year: string; holidays: string; workdays: string; source: string };
}): SafeHtml {
  const values = options.values ?? {
    year: String(options.missingYears[0] ?? ''),
    holidays: '',
    workdays: '',
    source: '',
  };
  const entered = new Map(options.entered.map((schedule) => [schedule.year, schedule]));
  const rows = options.coveredYears.map((year) => {
    const schedule = entered.get(year);
    const origin = schedule
      ? `管理员录入：${schedule.enteredBy}，${formatChinaTime(schedule.enteredAt)}；依据：${schedule.source}`
      : '节假日文件（HUIYING_HOLIDAYS_FILE）';
    const counts = schedule ? `放假 ${schedule.holidays.length} 天，调休上班 ${schedule.workdays.length} 天` : '';
    return html`<tr><td>${year}</td><td>${origin}</td><td>${counts}</td></tr>`;
  });
  const missing = options.missingYears.map((year) => `${year}年`).join('、');
  return html`${
    options.missingYears.length > 0
      ? html`<p class="error" id="calendar-missing">${missing}的节假日安排尚未录入：期限计算会把春节等假日当作工作日。请按国务院办公厅发布的通知录入。</p>`
      : ''
  }
<table id="calendar-years"><thead><tr><th>年份</th><th>来源</th><th>天数</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>录入一年的安排</h2>
<form method="post" action="/holidays" class="card">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <p><label>年份 <input type="number" name="year" min="2000" max="2100" value="${values.year}" required></label></p>
  <p><label for="holidays">放假日期</label><br><textarea id="holidays" name="holidays" required placeholder="每个放假日，或区间，如：2027-01-01 2027-02-06~2027-02-12">${values.holidays}</textarea></p>
  <p><label for="workdays">调休上班日期（周六、周日）</label><br><textarea id="workdays" name="workdays" placeholder="如：2027-02-14">${values.workdays}</textarea></p>
  <p><label>依据 <input type="text" name="source" value="${values.source}" required placeholder="国务院办公厅关于2027年部分节假日安排的通知（发布日期）" size="60"></label></p>
  <p class="muted">保存后记入审核记录；答复期限跨入该年的未结案件将按新安排重新计算期限。再次录入同一年会替换原安排。</p>
  <button type="submit">保存</button>
</form>`;
}
