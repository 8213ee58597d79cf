import { describe, expect, it } from 'vitest';
import { describePeriod, monthGrid, shift, today, weekOf, windowOf, zonedDayAndTime } from './calendar';

describe('the agenda calendar', () => {
  it('places an instant on the day and time of the viewer’s zone', () => {
    expect(zonedDayAndTime('2026-12-14T18:00:00+01:00', 'America/New_York')).toEqual({ day: '2026-12-14', time: '12:00' });
    expect(zonedDayAndTime('2026-12-14T18:00:00+01:00', 'Asia/Tokyo')).toEqual({ day: '2026-12-15', time: '02:00' });
    expect(today('Pacific/Auckland', new Date('2026-12-02T12:00:00Z'))).toBe('2026-12-03');
  });

  it('starts weeks on Monday, also across a month and a year', () => {
    expect(weekOf('2026-12-02')[0]).toBe('2026-11-30');
    expect(weekOf('2026-12-30')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('covers a month with whole weeks', () => {
    const weeks = monthGrid('2026-12-17');
    expect(weeks).toHaveLength(5);
    expect(weeks[0][0]).toBe('2026-11-30');
    expect(weeks[4][6]).toBe('2027-01-03');
    expect(monthGrid('2027-02-10')).toHaveLength(4);
  });

  it('moves by a week or a month', () => {
    expect(shift('week', '2026-12-02', 1)).toBe('2026-12-07');
    expect(shift('week', '2026-12-02', -1)).toBe('2026-11-23');
    expect(shift('month', '2026-12-31', 1)).toBe('2027-01-01');
    expect(shift('month', '2026-03-31', -1)).toBe('2026-02-01');
  });

  it('asks the API for the days shown, in the viewer’s zone, across a daylight-saving switch', () => {
    expect(windowOf('week', '2026-03-25', 'Europe/Berlin'))
      .toEqual({ from: '2026-03-23T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00' });
  });

  it('names the period shown', () => {
    expect(describePeriod('week', '2026-12-16')).toBe('14 – 20 December 2026');
    expect(describePeriod('week', '2026-12-30')).toBe('28 December 2026 – 3 January 2027');
    expect(describePeriod('month', '2026-12-16')).toBe('December 2026');
  });
});
