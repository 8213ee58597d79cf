import { describe, expect, it } from 'vitest';
import { parseLeadMinutes, typeLabel } from './preferences';

describe('notification preferences', () => {
  it('reads reminder lead times written with commas or spaces', () => {
    expect(parseLeadMinutes('60, 10')).toEqual([60, 10]);
    expect(parseLeadMinutes(' 1440 30 ')).toEqual([1440, 30]);
    expect(parseLeadMinutes('')).toEqual([]);
    expect(parseLeadMinutes('an hour')).toBeUndefined();
    expect(parseLeadMinutes('1.5')).toBeUndefined();
  });

  it('names the types it knows and shows others as the API sends them', () => {
    expect(typeLabel('session.reminder')).toBe('A session you go to is about to start');
    expect(typeLabel('group.renamed')).toBe('group.renamed');
  });
});
