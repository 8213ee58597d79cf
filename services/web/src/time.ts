/** The browser's IANA time zone (what a new account or session defaults to). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every zone the browser knows, for pickers; UTC first since the API defaults to it. */
export function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC');
  return ['UTC', ...zones];
}

/** `America/New_York` → `New York`: zone abbreviations depend on the locale, city names do not. */
function zoneLabel(timeZone: string): string {
  return timeZone.split('/').pop()!.replace(/_/g, ' ');
}

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** `Tue, 15 Dec 2026, 18:00 (Berlin)`: in the given zone, English, 24-hour, named by its city. */
export function formatDateTime(iso: string, timeZone: string): string {
  return `${dateTimeFormat(timeZone).format(new Date(iso))} (${zoneLabel(timeZone)})`;
}

/** `Tue, 15 Dec 2026` and `18:00`, as `formatDateTime` writes them. */
function dayAndTime(iso: string, timeZone: string): { day: string; time: string } {
  const parts = dateTimeFormat(timeZone).formatToParts(new Date(iso));
  const hour = parts.findIndex((part) => part.type === 'hour');
  const text = (from: number, to?: number) => parts.slice(from, to).map((part) => part.value).join('');
  return { day: text(0, hour - 1), time: text(hour) };
}

/**
 * `Tue, 15 Dec 2026, 18:00–19:30 (Berlin)`: a span in the given zone; one that ends on another day
 * names both days (`Tue, 15 Dec 2026, 23:00 – Wed, 16 Dec 2026, 00:30 (Berlin)`).
 */
export function formatTimeRange(startIso: string, endIso: string, timeZone: string): string {
  const start = dayAndTime(startIso, timeZone);
  const end = dayAndTime(endIso, timeZone);
  const until = start.day === end.day ? `–${end.time}` : ` – ${end.day}, ${end.time}`;
  return `${start.day}, ${start.time}${until} (${zoneLabel(timeZone)})`;
}

/**
 * `18:00–18:15 (Berlin)`: a span within a day already named nearby (a mob's driver turns under their
 * date), as `formatTimeRange` writes it but without the day; one that ends on another day names both.
 */
export function formatClockRange(startIso: string, endIso: string, timeZone: string): string {
  const start = dayAndTime(startIso, timeZone);
  const end = dayAndTime(endIso, timeZone);
  return start.day === end.day ? `${start.time}–${end.time} (${zoneLabel(timeZone)})` : formatTimeRange(startIso, endIso, timeZone);
}

/** Minutes east of UTC that `timeZone` is at the instant `epochMs`. */
export function offsetMinutes(timeZone: string, epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wallClockAsUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wallClockAsUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The RFC 3339 date-time (with the zone's offset then) of a wall-clock time in `timeZone`, as a
 * `datetime-local` input gives it (`2026-12-10T18:00`). A time skipped by a daylight-saving switch
 * moves forward by the switch, as clocks do.
 */
export function wallClockToOffsetDateTime(local: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) throw new Error(`not a date and time: ${local}`);
  const [, year, month, day, hour, minute] = match.map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const guess = offsetMinutes(timeZone, asUtc);
  const instant = asUtc - offsetMinutes(timeZone, asUtc - guess * 60000) * 60000;
  const offset = offsetMinutes(timeZone, instant);
  const wall = new Date(instant + offset * 60000).toISOString().slice(0, 16);
  return `${wall}:00${formatOffset(offset)}`;
}

export interface ShownTimes {
  /** In the viewer's zone. */
  yours: string;
  /** In the session's own zone, only when its clocks show another time than the viewer's. */
  host?: string;
}

/** A session's start for a viewer in `viewerZone`, with the host's time beside it when it differs. */
export function sessionTimes(startsAt: string, hostZone: string, viewerZone: string): ShownTimes {
  const yours = formatDateTime(startsAt, viewerZone);
  const instant = Date.parse(startsAt);
  const sameClock = offsetMinutes(hostZone, instant) === offsetMinutes(viewerZone, instant);
  return sameClock ? { yours } : { yours, host: formatDateTime(startsAt, hostZone) };
}
