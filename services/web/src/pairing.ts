import type { FreeTime, Pairs, Weekday } from './api/api';

export const weekdays: { day: Weekday; label: string }[] = [
  { day: 'MONDAY', label: 'Monday' },
  { day: 'TUESDAY', label: 'Tuesday' },
  { day: 'WEDNESDAY', label: 'Wednesday' },
  { day: 'THURSDAY', label: 'Thursday' },
  { day: 'FRIDAY', label: 'Friday' },
  { day: 'SATURDAY', label: 'Saturday' },
  { day: 'SUNDAY', label: 'Sunday' },
];

/** What each level means to the people pairing (the API takes 1–5). */
export const levels: { level: number; label: string }[] = [
  { level: 1, label: '1 — new to it' },
  { level: 2, label: '2 — getting started' },
  { level: 3, label: '3 — comfortable' },
  { level: 4, label: '4 — experienced' },
  { level: 5, label: '5 — expert' },
];

/** `7` → `07:00`, `24` → `24:00` (the end of the day). */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/**
 * `TypeScript, rust ,C#` → `['TypeScript', 'rust', 'C#']`: the languages as a person types them,
 * separated by commas. The API checks the rest (1–10 of them, letters, digits and `+#.-`) and names
 * the one it refuses (`languages[1]`).
 */
export function parseLanguages(text: string): string[] {
  return text.split(',').map((language) => language.trim()).filter(Boolean);
}

/**
 * What is wrong with the free hours before they are sent, keyed as the API names fields
 * (`free[0].toHour`), so that the form shows both the same way.
 */
export function freeTimeErrors(free: readonly FreeTime[]): Record<string, string> {
  const errors: Record<string, string> = {};
  free.forEach((time, index) => {
    if (time.toHour <= time.fromHour) errors[`free[${index}].toHour`] = 'must be after the start';
  });
  return errors;
}

/** A new row for the form: the day after the last one's, 18:00–20:00. */
export function nextFreeTime(free: readonly FreeTime[]): FreeTime {
  const last = free[free.length - 1];
  const index = last ? (weekdays.findIndex(({ day }) => day === last.day) + 1) % weekdays.length : 0;
  return { day: weekdays[index].day, fromHour: 18, toHour: 20 };
}

/** The ids of pairs as `PUT …/pairs` takes them. */
export function pairIds(pairs: Pairs): string[][] {
  return (pairs.groups ?? []).map((group) => group.map((member) => member.userId!));
}

/**
 * Moves `userId` into group `target` (an index; `groups.length` starts a new group) and drops
 * groups left empty, for an organizer who adjusts the proposed pairs before setting them.
 */
export function moveToGroup(groups: readonly string[][], userId: string, target: number): string[][] {
  const moved = groups.map((group) => group.filter((id) => id !== userId));
  if (target >= moved.length) moved.push([userId]);
  else moved[target].push(userId);
  return moved.filter((group) => group.length > 0);
}
