// Calendar arithmetic on plain days (`2026-12-14`) as a viewer in a time zone sees them. Weeks start
// on Monday (ISO 8601). Days are computed on UTC midnights, so no daylight-saving switch moves them.
import { wallClockToOffsetDateTime } from './time';

export type CalendarView = 'week' | 'month';

/** The day (`YYYY-MM-DD`) and wall-clock time (`HH:mm`) of an instant in `timeZone`. */
export function zonedDayAndTime(iso: string, timeZone: string): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return { day: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

export function today(timeZone: string, now = new Date()): string {
  return zonedDayAndTime(now.toISOString(), timeZone).day;
}

function utcMidnight(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function addDays(day: string, days: number): string {
  const date = utcMidnight(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday of the week `day` is in. */
function startOfWeek(day: string): string {
  const weekday = (utcMidnight(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function weekOf(day: string): string[] {
  const monday = startOfWeek(day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The weeks (Monday to Sunday) that cover the month of `day`, days of the months around included. */
export function monthGrid(day: string): string[][] {
  const first = `${day.slice(0, 7)}-01`;
  const weeks: string[][] = [];
  for (let monday = startOfWeek(first); monday.slice(0, 7) <= first.slice(0, 7); monday = addDays(monday, 7)) {
    weeks.push(weekOf(monday));
  }
  return weeks;
}

/** The day the previous (`-1`) or next (`1`) week or month starts on. */
export function shift(view: CalendarView, day: string, direction: 1 | -1): string {
  if (view === 'week') return addDays(startOfWeek(day), 7 * direction);
  const date = utcMidnight(`${day.slice(0, 7)}-01`);
  date.setUTCMonth(date.getUTCMonth() + direction);
  return date.toISOString().slice(0, 10);
}

/** The days a view of `day` shows. */
function daysShown(view: CalendarView, day: string): string[] {
  return view === 'week' ? weekOf(day) : monthGrid(day).flat();
}

/** The window of instants (RFC 3339, with the zone's offsets) from the first day shown to the end of the last. */
export function windowOf(view: CalendarView, day: string, timeZone: string): { from: string; to: string } {
  const days = daysShown(view, day);
  return {
    from: wallClockToOffsetDateTime(`${days[0]}T00:00`, timeZone),
    to: wallClockToOffsetDateTime(`${addDays(days[days.length - 1], 1)}T00:00`, timeZone),
  };
}

/** `Monday 14 December`, `December 2026`, …: a day as words, independent of any zone. */
export function formatDay(day: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(utcMidnight(day));
}

/** The heading of a view: `December 2026`, or `14 – 20 December 2026` for a week. */
export function describePeriod(view: CalendarView, day: string): string {
  if (view === 'month') return formatDay(day, { month: 'long', year: 'numeric' });
  const days = weekOf(day);
  const [first, last] = [days[0], days[6]];
  const sameMonth = first.slice(0, 7) === last.slice(0, 7);
  const start = formatDay(first, sameMonth ? { day: 'numeric' } : { day: 'numeric', month: 'long', year: 'numeric' });
  return `${start} – ${formatDay(last, { day: 'numeric', month: 'long', year: 'numeric' })}`;
}
