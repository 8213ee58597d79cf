import { describe, expect, it } from 'vitest';
import { parseTags } from './tags';

describe('note tags', () => {
  it('splits on commas and spaces, in lower case, each once', () => {
    expect(parseTags('java, Arrays  search,java')).toEqual(['java', 'arrays', 'search']);
    expect(parseTags(' ')).toEqual([]);
    expect(parseTags('c++ c#')).toEqual(['c++', 'c#']);
  });
});
