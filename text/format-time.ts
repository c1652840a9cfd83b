const CHINA = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A time as China shows it: 2026/11/23 09:00. */
export function formatChinaTime(instant: Date): string {
  return CHINA.format(instant);
}

/** Time left until a deadline, or how long it is overdue: 剩余 3小时12分 / 已超期 2天1小时. */
export function formatTimeLeft(dueAt: Date, now: Date): string {
  const milliseconds = dueAt.getTime() - now.getTime();
  const minutes = Math.floor(Math.abs(milliseconds) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const span = days > 0 ? `${days}天${hours}小时` : `${hours}小时${minutes % 60}分`;
  return milliseconds >= 0 ? `剩余 ${span}` : `已超期 ${span}`;
}
