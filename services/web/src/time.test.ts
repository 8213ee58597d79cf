import { describe, expect, it } from 'vitest';
import { formatClockRange, formatDateTime, formatTimeRange, offsetMinutes, sessionTimes, wallClockToOffsetDateTime } from './time';

describe('time in a zone', () => {
  it('formats an instant in the given zone, named by its city', () => {
    expect(formatDateTime('2026-12-15T17:00:00Z', 'Europe/Berlin')).toBe('Tue, 15 Dec 2026, 18:00 (Berlin)');
    expect(formatDateTime('2026-12-15T17:00:00Z', 'America/New_York')).toBe('Tue, 15 Dec 2026, 12:00 (New York)');
  });

  it('formats a span on one day with its end time only, and one past midnight with both days', () => {
    expect(formatTimeRange('2026-12-15T17:00:00Z', '2026-12-15T18:30:00Z', 'Europe/Berlin')).toBe('Tue, 15 Dec 2026, 18:00–19:30 (Berlin)');
    expect(formatTimeRange('2026-12-15T22:00:00Z', '2026-12-15T23:30:00Z', 'Europe/Berlin'))
      .toBe('Tue, 15 Dec 2026, 23:00 – Wed, 16 Dec 2026, 00:30 (Berlin)');
  });

  it('formats a span within a day by its times only, and one past midnight with both days', () => {
    expect(formatClockRange('2026-12-15T17:00:00Z', '2026-12-15T17:15:00Z', 'America/New_York')).toBe('12:00–12:15 (New York)');
    expect(formatClockRange('2026-12-15T22:50:00Z', '2026-12-15T23:05:00Z', 'Europe/Berlin'))
      .toBe('Tue, 15 Dec 2026, 23:50 – Wed, 16 Dec 2026, 00:05 (Berlin)');
  });

  it('knows a zone’s offset on both sides of a daylight-saving switch', () => {
    expect(offsetMinutes('Europe/Berlin', Date.parse('2027-03-01T12:00:00Z'))).toBe(60);
    expect(offsetMinutes('Europe/Berlin', Date.parse('2027-04-01T12:00:00Z'))).toBe(120);
    expect(offsetMinutes('Asia/Kolkata', Date.parse('2027-04-01T12:00:00Z'))).toBe(330);
  });

  it('turns a wall-clock time in the session’s zone into an RFC 3339 time with that zone’s offset', () => {
    expect(wallClockToOffsetDateTime('2027-03-16T18:00', 'Europe/Berlin')).toBe('2027-03-16T18:00:00+01:00');
    expect(wallClockToOffsetDateTime('2027-04-06T18:00', 'Europe/Berlin')).toBe('2027-04-06T18:00:00+02:00');
    expect(wallClockToOffsetDateTime('2027-04-06T18:00', 'America/New_York')).toBe('2027-04-06T18:00:00-04:00');
    expect(wallClockToOffsetDateTime('2027-01-10T09:30', 'UTC')).toBe('2027-01-10T09:30:00+00:00');
  });

  it('moves a time skipped by the spring switch forward by the switch', () => {
    expect(wallClockToOffsetDateTime('2027-03-28T02:30', 'Europe/Berlin')).toBe('2027-03-28T03:30:00+02:00');
  });

  it('shows the host’s time beside the viewer’s only when their clocks differ', () => {
    expect(sessionTimes('2026-12-15T18:00:00+01:00', 'Europe/Berlin', 'America/New_York')).toEqual({
      yours: 'Tue, 15 Dec 2026, 12:00 (New York)',
      host: 'Tue, 15 Dec 2026, 18:00 (Berlin)',
    });
    expect(sessionTimes('2026-12-15T18:00:00+01:00', 'Europe/Berlin', 'Europe/Paris')).toEqual({
      yours: 'Tue, 15 Dec 2026, 18:00 (Paris)',
    });
  });
});
