import { describe, expect, it } from 'vitest';
import { completeMention, mentionAt, suggestNames } from './mentions';

describe('@mention autocomplete', () => {
  it('finds the mention being typed, names with spaces included', () => {
    expect(mentionAt('Nice one @Ad', 12)).toEqual({ start: 9, query: 'Ad' });
    expect(mentionAt('@Ada Lo', 7)).toEqual({ start: 0, query: 'Ada Lo' });
    expect(mentionAt('(@bo', 4)).toEqual({ start: 1, query: 'bo' });
  });

  it('ignores an @ inside a word, such as an e-mail address', () => {
    expect(mentionAt('write to bob@ada', 16)).toBeUndefined();
    expect(mentionAt('no mention', 10)).toBeUndefined();
  });

  it('suggests the names that start with what was typed, in any case', () => {
    expect(suggestNames(['Ada Lovelace', 'Alan', 'Bob'], 'a')).toEqual(['Ada Lovelace', 'Alan']);
    expect(suggestNames(['Ada Lovelace', 'Alan', 'Bob'], 'ADA L')).toEqual(['Ada Lovelace']);
    expect(suggestNames(['Bob'], 'x')).toEqual([]);
  });

  it('completes the name, keeps the text after the caret and puts the caret after the name', () => {
    const text = 'Thanks @ad for this';
    expect(completeMention(text, 10, { start: 7, query: 'ad' }, 'Ada Lovelace'))
      .toEqual({ text: 'Thanks @Ada Lovelace  for this', caret: 21 });
  });
});
