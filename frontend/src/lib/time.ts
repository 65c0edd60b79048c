// The zone works in China Standard Time. Every time is shown there, whatever
// the browser's own zone, and times typed in are read as China time.

export const ZONE = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of dateTimeFormat.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** "2026-11-25 09:30:00" in China Standard Time, or "" for nothing. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "2026-11-25" in China Standard Time. */
export function formatDate(value: string | null | undefined): string {
  return formatDateTime(value).slice(0, 10);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** RFC 3339 for a wall-clock time in China: 2026-11-25T00:00:00+08:00. */
export function chinaWallClockToRFC3339(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): string {
  // Normalise overflow (day 32, month 13) through UTC arithmetic.
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}+08:00`;
}
