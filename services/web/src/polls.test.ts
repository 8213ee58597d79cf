import { describe, expect, it } from 'vitest';
import type { Group, Poll, PollSlot } from './api/api';
import { ApiError } from './api/problem';
import {
  addSlotRow, answerersOf, answersBody, bestSlot, canAnswer, choicesOf, countsText, newPollBody, pollState,
  readableSlotMessage, slotTimes, type SlotRow,
} from './polls';

const now = Date.parse('2027-01-10T12:00:00Z');

function slot(id: string, startsAt: string, counts: Partial<PollSlot> = {}): PollSlot {
  return { id, startsAt, endsAt: new Date(Date.parse(startsAt) + 90 * 60000).toISOString(), durationMinutes: 90, ...counts };
}

const poll = (fields: Partial<Poll> = {}): Poll => ({
  id: 'p',
  groupId: 'g',
  title: 'Kata night',
  timeZone: 'Europe/Berlin',
  deadline: '2027-01-12T18:00:00+01:00',
  status: 'OPEN',
  slots: [slot('a', '2027-01-14T17:00:00Z'), slot('b', '2027-01-15T17:00:00Z'), slot('c', '2027-01-16T17:00:00Z')],
  ...fields,
});

describe('proposing times', () => {
  const draft = { title: 'Kata night', description: '', timeZone: 'Europe/Berlin', deadline: '2027-01-12T18:00' };

  it('reads every slot and the deadline as wall-clock times in the poll’s zone', () => {
    const rows: SlotRow[] = [
      { key: 0, start: '2027-01-14T18:00', duration: '90' },
      { key: 3, start: '2027-04-15T18:00', duration: '60' },
    ];
    expect(newPollBody(draft, rows)).toEqual({
      title: 'Kata night',
      description: '',
      timeZone: 'Europe/Berlin',
      deadline: '2027-01-12T18:00:00+01:00',
      slots: [
        { startsAt: '2027-01-14T18:00:00+01:00', durationMinutes: 90 },
        { startsAt: '2027-04-15T18:00:00+02:00', durationMinutes: 60 },
      ],
    });
  });

  it('names each empty date and time the way the API names its fields', () => {
    const rows: SlotRow[] = [{ key: 0, start: '2027-01-14T18:00', duration: '90' }, { key: 1, start: '', duration: '90' }];
    let refused: unknown;
    try {
      newPollBody({ ...draft, deadline: '' }, rows);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).fieldErrors).toEqual({ deadline: 'choose a date and time', 'slots[1].startsAt': 'choose a date and time' });
  });

  it('adds a row as long as the last one, with a key no row has, even after one was removed', () => {
    const two = addSlotRow(addSlotRow([]));
    expect(two).toEqual([{ key: 0, start: '', duration: '60' }, { key: 1, start: '', duration: '60' }]);
    const edited = [{ ...two[0], duration: '45' }, { ...two[1], duration: '120' }];
    const afterRemoval = edited.slice(1);
    expect(addSlotRow(afterRemoval)).toEqual([edited[1], { key: 2, start: '', duration: '120' }]);
  });

  it('numbers the slots an API message mentions as the form does', () => {
    expect(readableSlotMessage('is the same as slots[0]')).toBe('is the same as slot 1');
    expect(readableSlotMessage('is in the past')).toBe('is in the past');
  });
});

describe('answering a poll', () => {
  it('starts from the answers given before and sends the chosen ones in the poll’s order', () => {
    const answered = poll({ slots: [slot('a', '2027-01-14T17:00:00Z', { yourAnswer: 'NO' }), slot('b', '2027-01-15T17:00:00Z')] });
    expect(choicesOf(answered)).toEqual({ a: 'NO' });
    expect(answersBody(answered, { b: 'YES', a: 'IF_NEED_BE' })).toEqual({
      answers: [{ slotId: 'a', answer: 'IF_NEED_BE' }, { slotId: 'b', answer: 'YES' }],
    });
  });

  it('refuses to send no answer at all', () => {
    expect(() => answersBody(poll(), {})).toThrow('Choose an answer for at least one time.');
  });

  it('lists who answered what, and counts as the API counted', () => {
    const answeredSlot = slot('a', '2027-01-14T17:00:00Z', {
      yes: 2, ifNeedBe: 1, no: 0,
      answers: [
        { userId: 'u1', displayName: 'Olga', answer: 'YES' },
        { userId: 'u2', displayName: 'Mo', answer: 'IF_NEED_BE' },
        { userId: 'u3', displayName: '', answer: 'YES' },
      ],
    });
    expect(answerersOf(answeredSlot)).toEqual({ YES: ['Olga', 'A member'], IF_NEED_BE: ['Mo'], NO: [] });
    expect(countsText(answeredSlot)).toBe('2 yes, 1 if need be, 0 no');
  });

  it('lets members answer until the deadline, and nobody once the time is set', () => {
    const member: Group = { id: 'g', myRole: 'MEMBER' };
    const outsider: Group = { id: 'g' };
    expect(canAnswer(poll(), member, now)).toBe(true);
    expect(canAnswer(poll(), outsider, now)).toBe(false);
    expect(canAnswer(poll(), member, Date.parse('2027-01-12T17:00:00Z'))).toBe(false);
    expect(canAnswer(poll({ status: 'CLOSED' }), member, now)).toBe(false);
    expect(pollState(poll(), Date.parse('2027-01-12T17:00:00Z'))).toBe('PAST_DEADLINE');
    expect(pollState(poll({ status: 'CLOSED' }), now)).toBe('CLOSED');
  });
});

describe('setting the time', () => {
  it('suggests the slot most can come to: most yes, then most if need be, then fewest no, then the earliest', () => {
    const slots = (counts: Partial<PollSlot>[]) => poll({
      slots: counts.map((c, i) => slot(String.fromCharCode(97 + i), `2027-01-1${4 + i}T17:00:00Z`, c)),
    });
    expect(bestSlot(slots([{ yes: 1 }, { yes: 3 }, { yes: 2 }]), now)?.id).toBe('b');
    expect(bestSlot(slots([{ yes: 2, ifNeedBe: 0 }, { yes: 2, ifNeedBe: 1 }]), now)?.id).toBe('b');
    expect(bestSlot(slots([{ yes: 2, no: 2 }, { yes: 2, no: 1 }]), now)?.id).toBe('b');
    expect(bestSlot(slots([{ yes: 2 }, { yes: 2 }]), now)?.id).toBe('a');
  });

  it('never suggests a slot that has begun', () => {
    const late = poll({ slots: [slot('a', '2027-01-09T17:00:00Z', { yes: 5 }), slot('b', '2027-01-14T17:00:00Z', { yes: 1 })] });
    expect(bestSlot(late, now)?.id).toBe('b');
    expect(bestSlot(late, Date.parse('2027-02-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('a slot’s time', () => {
  it('is shown in the viewer’s zone, with the poll’s beside it when the clocks differ', () => {
    const inNewYork = slot('a', '2027-01-14T18:00:00+01:00', {
      endsAt: '2027-01-14T19:30:00+01:00',
      inYourZone: { timeZone: 'America/New_York', startsAt: '2027-01-14T12:00:00-05:00', endsAt: '2027-01-14T13:30:00-05:00' },
    });
    expect(slotTimes(inNewYork, 'Europe/Berlin')).toEqual({
      yours: 'Thu, 14 Jan 2027, 12:00–13:30 (New York)',
      host: 'Thu, 14 Jan 2027, 18:00–19:30 (Berlin)',
    });
    const inParis = { ...inNewYork, inYourZone: { timeZone: 'Europe/Paris', startsAt: '2027-01-14T18:00:00+01:00', endsAt: '2027-01-14T19:30:00+01:00' } };
    expect(slotTimes(inParis, 'Europe/Berlin')).toEqual({ yours: 'Thu, 14 Jan 2027, 18:00–19:30 (Paris)' });
  });
});
