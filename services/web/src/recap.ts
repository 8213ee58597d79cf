import type { Recap } from './api/api';

/** The app's page of the recap of the occurrence of `sessionId` starting at `start` (RFC 3339). */
export function recapPath(sessionId: string, start: string): string {
  return `/sessions/${sessionId}/recap/${encodeURIComponent(start)}`;
}

/**
 * Whether the recap is final or still grows, as a person reads it. The API sends a recap to everyone
 * who had a place once the date ends; until then it shows what was posted so far.
 */
export function recapState(recap: Pick<Recap, 'ended' | 'attended'>): string {
  if (!recap.ended) return 'So far: this date has not ended yet, and the recap grows until it does.';
  return (recap.attended ?? []).length > 0
    ? 'This date has ended: everyone who had a place is sent this recap.'
    : 'This date has ended. Nobody had a place, so nobody is sent a recap.';
}

/** `2 solutions`, `1 solution`. */
export function countOf(count: number, thing: string): string {
  return `${count} ${thing}${count === 1 ? '' : 's'}`;
}
