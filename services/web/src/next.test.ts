import { describe, expect, it } from 'vitest';
import { safeNext } from './next';

describe('where to go after logging in', () => {
  it('follows a path of the app and nothing else', () => {
    expect(safeNext('/invite/g1/abc')).toBe('/invite/g1/abc');
    expect(safeNext('//evil.example/phish')).toBe('/groups');
    expect(safeNext('https://evil.example/')).toBe('/groups');
    expect(safeNext(undefined)).toBe('/groups');
    expect(safeNext('https://evil.example/', '/agenda')).toBe('/agenda');
  });
});
