import { describe, expect, it } from 'vitest';
import { countOf, recapPath, recapState } from './recap';

describe('a session recap', () => {
  it('is a page of its own per date, the start kept whole in the path', () => {
    expect(recapPath('s1', '2026-12-04T17:00:00Z')).toBe('/sessions/s1/recap/2026-12-04T17%3A00%3A00Z');
    expect(recapPath('s1', '2026-12-04T18:00:00+01:00')).toBe('/sessions/s1/recap/2026-12-04T18%3A00%3A00%2B01%3A00');
  });

  it('says whether it still grows or was sent', () => {
    expect(recapState({ ended: false, attended: [] })).toMatch(/^So far/);
    expect(recapState({ ended: true, attended: [{ userId: 'a', displayName: 'Ada' }] })).toMatch(/is sent this recap/);
    expect(recapState({ ended: true, attended: [] })).toMatch(/Nobody had a place/);
  });

  it('counts in words', () => {
    expect(countOf(1, 'solution')).toBe('1 solution');
    expect(countOf(3, 'solution')).toBe('3 solutions');
  });
});
