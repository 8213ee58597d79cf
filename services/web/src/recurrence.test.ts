import { describe, expect, it } from 'vitest';
import { describeRecurrence, doesNotRepeat, recurrenceRule, ruleOf } from './recurrence';

describe('repeating sessions', () => {
  it('makes a bounded weekly or two-weekly rule', () => {
    expect(recurrenceRule('NONE', 6)).toBeUndefined();
    expect(recurrenceRule('WEEKLY', 6)).toBe('FREQ=WEEKLY;COUNT=6');
    expect(recurrenceRule('BIWEEKLY', 4)).toBe('FREQ=WEEKLY;INTERVAL=2;COUNT=4');
  });

  it('sends a custom rule as written, without surrounding spaces', () => {
    expect(recurrenceRule('CUSTOM', 6, ' FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10 ')).toBe('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10');
  });

  it('makes the rule of a form’s repeat from the number of sessions as typed', () => {
    expect(ruleOf(doesNotRepeat)).toBeUndefined();
    expect(ruleOf({ repeat: 'WEEKLY', count: '4', rule: '' })).toBe('FREQ=WEEKLY;COUNT=4');
    expect(ruleOf({ repeat: 'CUSTOM', count: '6', rule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3' })).toBe('FREQ=WEEKLY;BYDAY=MO;COUNT=3');
  });

  it('describes the rules it makes, in any order the API stores them, and shows others as they are', () => {
    expect(describeRecurrence('FREQ=WEEKLY;COUNT=6')).toBe('Every week, 6 times');
    expect(describeRecurrence('COUNT=4;INTERVAL=2;FREQ=WEEKLY')).toBe('Every 2 weeks, 4 times');
    expect(describeRecurrence('FREQ=DAILY;COUNT=3')).toBe('FREQ=DAILY;COUNT=3');
    expect(describeRecurrence(null)).toBeUndefined();
  });
});
