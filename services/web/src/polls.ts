import type { Group, NewPoll, Poll, PollAnswer, PollAnswers, PollSlot } from './api/api';
import { ApiError } from './api/problem';
import { formatTimeRange, offsetMinutes, wallClockToOffsetDateTime, type ShownTimes } from './time';

/** The answers in the order a poll offers them. */
export const pollAnswers: PollAnswer[] = ['YES', 'IF_NEED_BE', 'NO'];

export const answerLabels: Record<PollAnswer, string> = { YES: 'Yes', IF_NEED_BE: 'If need be', NO: 'No' };

/** One proposed time as the form holds it: a `datetime-local` value and minutes, both as typed. */
export interface SlotRow {
  /** Stays with the row when rows above it are removed. */
  key: number;
  start: string;
  duration: string;
}

/** A new row at the end, as long as the last one (60 minutes for the first). */
export function addSlotRow(rows: SlotRow[]): SlotRow[] {
  const last = rows[rows.length - 1];
  const key = rows.reduce((max, row) => Math.max(max, row.key), -1) + 1;
  return [...rows, { key, start: '', duration: last?.duration ?? '60' }];
}

export interface PollDraft {
  title: string;
  description: string;
  timeZone: string;
  /** A `datetime-local` value, in `timeZone` like the slots. */
  deadline: string;
}

const NO_TIME = 'choose a date and time';

/**
 * The body of `POST /groups/{id}/polls`: every wall-clock time read in the poll's zone. An empty date
 * and time is refused here, named as the API names its fields (`deadline`, `slots[1].startsAt`).
 */
export function newPollBody(draft: PollDraft, rows: SlotRow[]): NewPoll {
  const missing: Record<string, string> = {};
  if (!draft.deadline) missing.deadline = NO_TIME;
  rows.forEach((row, index) => {
    if (!row.start) missing[`slots[${index}].startsAt`] = NO_TIME;
  });
  if (Object.keys(missing).length > 0) throw new ApiError(400, 'Choose every date and time.', missing);
  return {
    title: draft.title,
    description: draft.description,
    timeZone: draft.timeZone,
    deadline: wallClockToOffsetDateTime(draft.deadline, draft.timeZone),
    slots: rows.map((row) => ({
      startsAt: wallClockToOffsetDateTime(row.start, draft.timeZone),
      durationMinutes: Number(row.duration),
    })),
  };
}

/** `is the same as slots[0]` → `is the same as slot 1`: the API's field paths as the form numbers its slots. */
export function readableSlotMessage(message: string): string {
  return message.replace(/\bslots\[(\d+)\]/g, (_, index) => `slot ${Number(index) + 1}`);
}

/** The caller's answer per slot id. */
export type Choices = Record<string, PollAnswer>;

/** The answers the caller gave before. */
export function choicesOf(poll: Poll): Choices {
  const choices: Choices = {};
  for (const slot of poll.slots ?? []) {
    if (slot.yourAnswer) choices[slot.id!] = slot.yourAnswer;
  }
  return choices;
}

/** The body of `PUT /polls/{id}/answer`, in the poll's order of slots; a slot without a choice is left out. */
export function answersBody(poll: Poll, choices: Choices): PollAnswers {
  const answers = (poll.slots ?? [])
    .filter((slot) => choices[slot.id!])
    .map((slot) => ({ slotId: slot.id!, answer: choices[slot.id!] }));
  if (answers.length === 0) throw new ApiError(400, 'Choose an answer for at least one time.');
  return { answers };
}

/** Who gave which answer to a slot, by display name. */
export function answerersOf(slot: PollSlot): Record<PollAnswer, string[]> {
  const names: Record<PollAnswer, string[]> = { YES: [], IF_NEED_BE: [], NO: [] };
  for (const { displayName, answer } of slot.answers ?? []) {
    if (answer) names[answer].push(displayName || 'A member');
  }
  return names;
}

/** `2 yes, 1 if need be, 0 no`. */
export function countsText(slot: PollSlot): string {
  return `${slot.yes ?? 0} yes, ${slot.ifNeedBe ?? 0} if need be, ${slot.no ?? 0} no`;
}

/**
 * The slot to suggest when setting the time: of those still to come, the most yes, then the most
 * if need be, then the fewest no; the earliest of equals. `undefined` when every slot has begun.
 */
export function bestSlot(poll: Poll, now = Date.now()): PollSlot | undefined {
  const coming = (poll.slots ?? []).filter((slot) => Date.parse(slot.startsAt!) > now);
  const score = (slot: PollSlot) => [slot.yes ?? 0, slot.ifNeedBe ?? 0, -(slot.no ?? 0), -Date.parse(slot.startsAt!)];
  return coming.reduce<PollSlot | undefined>((best, slot) => {
    if (!best) return slot;
    const [a, b] = [score(slot), score(best)];
    const better = a.findIndex((value, i) => value !== b[i]);
    return better >= 0 && a[better] > b[better] ? slot : best;
  }, undefined);
}

/** A slot's time in the viewer's zone, with the poll's own beside it when its clocks differ. */
export function slotTimes(slot: PollSlot, pollZone: string): ShownTimes {
  const viewer = slot.inYourZone;
  const viewerZone = viewer?.timeZone ?? pollZone;
  const yours = formatTimeRange(viewer?.startsAt ?? slot.startsAt!, viewer?.endsAt ?? slot.endsAt!, viewerZone);
  const instant = Date.parse(slot.startsAt!);
  const sameClock = offsetMinutes(pollZone, instant) === offsetMinutes(viewerZone, instant);
  return sameClock ? { yours } : { yours, host: formatTimeRange(slot.startsAt!, slot.endsAt!, pollZone) };
}

/** Open and taking answers, open but past its deadline (waiting for an organizer), or closed. */
export type PollState = 'OPEN' | 'PAST_DEADLINE' | 'CLOSED';

export function pollState(poll: Poll, now = Date.now()): PollState {
  if (poll.status === 'CLOSED') return 'CLOSED';
  return Date.parse(poll.deadline!) > now ? 'OPEN' : 'PAST_DEADLINE';
}

export const pollStateLabels: Record<PollState, string> = {
  OPEN: 'Open',
  PAST_DEADLINE: 'Deadline passed',
  CLOSED: 'Time set',
};

/** Members answer while the poll is open (the API refuses others, and answers after the deadline). */
export function canAnswer(poll: Poll, group: Group, now = Date.now()): boolean {
  return Boolean(group.myRole) && pollState(poll, now) === 'OPEN';
}
