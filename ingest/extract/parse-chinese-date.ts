/** Reads "2018年10月27日", "2018-10-27", "2018/10/27" or "2018.10.27" as ISO `2018-10-27`; undefined if none. */
export function parseChineseDate(text: string): string | undefined {
  const match = /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})/.exec(text);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}
