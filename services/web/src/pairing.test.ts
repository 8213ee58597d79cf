import { describe, expect, it } from 'vitest';
import { freeTimeErrors, hourLabel, moveToGroup, nextFreeTime, pairIds, parseLanguages } from './pairing';

describe('the pairing profile form', () => {
  it('reads languages separated by commas and leaves their rules to the API', () => {
    expect(parseLanguages('TypeScript, rust ,C#')).toEqual(['TypeScript', 'rust', 'C#']);
    expect(parseLanguages(' , Go,, ')).toEqual(['Go']);
    expect(parseLanguages('')).toEqual([]);
    expect(parseLanguages('Rust!')).toEqual(['Rust!']);
  });

  it('names a free time that ends before it starts as the API would', () => {
    expect(freeTimeErrors([
      { day: 'MONDAY', fromHour: 18, toHour: 20 },
      { day: 'TUESDAY', fromHour: 9, toHour: 9 },
      { day: 'FRIDAY', fromHour: 22, toHour: 3 },
    ])).toEqual({ 'free[1].toHour': 'must be after the start', 'free[2].toHour': 'must be after the start' });
    expect(freeTimeErrors([{ day: 'SUNDAY', fromHour: 0, toHour: 24 }])).toEqual({});
  });

  it('adds the day after the last free time, wrapping to Monday', () => {
    expect(nextFreeTime([])).toEqual({ day: 'MONDAY', fromHour: 18, toHour: 20 });
    expect(nextFreeTime([{ day: 'WEDNESDAY', fromHour: 7, toHour: 9 }]).day).toBe('THURSDAY');
    expect(nextFreeTime([{ day: 'SUNDAY', fromHour: 7, toHour: 9 }]).day).toBe('MONDAY');
  });

  it('writes hours as a clock does, the end of the day as 24:00', () => {
    expect(hourLabel(7)).toBe('07:00');
    expect(hourLabel(24)).toBe('24:00');
  });
});

describe('adjusting proposed pairs', () => {
  it('takes the ids of the pairs as the API answered them', () => {
    expect(pairIds({ set: false, groups: [[{ userId: 'a', displayName: 'Ada' }, { userId: 'b', displayName: 'Bob' }]] }))
      .toEqual([['a', 'b']]);
    expect(pairIds({ set: false })).toEqual([]);
  });

  it('moves a member to another pair, into a new one, and drops a pair left empty', () => {
    const groups = [['a', 'b'], ['c', 'd', 'e']];
    expect(moveToGroup(groups, 'e', 0)).toEqual([['a', 'b', 'e'], ['c', 'd']]);
    expect(moveToGroup(groups, 'a', 2)).toEqual([['b'], ['c', 'd', 'e'], ['a']]);
    expect(moveToGroup([['a'], ['b', 'c']], 'a', 1)).toEqual([['b', 'c', 'a']]);
    expect(groups).toEqual([['a', 'b'], ['c', 'd', 'e']]);
  });
});
