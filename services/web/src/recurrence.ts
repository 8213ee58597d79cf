export type Repeat = 'NONE' | 'WEEKLY' | 'BIWEEKLY' | 'CUSTOM';

/**
 * The RRULE for a repeat choice (the API wants every series bounded: at most 200, within a year);
 * a custom rule is sent as the person wrote it, for the API to check.
 */
export function recurrenceRule(repeat: Repeat, count: number, custom = ''): string | undefined {
  switch (repeat) {
    case 'NONE': return undefined;
    case 'WEEKLY': return `FREQ=WEEKLY;COUNT=${count}`;
    case 'BIWEEKLY': return `FREQ=WEEKLY;INTERVAL=2;COUNT=${count}`;
    case 'CUSTOM': return custom.trim();
  }
}

/** A repeat as a form holds it: the choice, and the number of sessions or the custom rule as typed. */
export interface RepeatChoice {
  repeat: Repeat;
  count: string;
  rule: string;
}

export const doesNotRepeat: RepeatChoice = { repeat: 'NONE', count: '6', rule: '' };

/** The RRULE a form's repeat stands for (`undefined`: a single session). */
export function ruleOf(choice: RepeatChoice): string | undefined {
  return recurrenceRule(choice.repeat, Number(choice.count), choice.rule);
}

/** A rule as a person reads it: `Every week, 6 times`; other rules are shown as they are. */
export function describeRecurrence(rule: string | undefined | null): string | undefined {
  if (!rule) return undefined;
  const parts = Object.fromEntries(rule.replace(/^RRULE:/, '').split(';').map((part) => part.split('=')));
  const known = Object.keys(parts).every((key) => ['FREQ', 'INTERVAL', 'COUNT'].includes(key));
  if (!known || parts.FREQ !== 'WEEKLY' || !parts.COUNT) return rule;
  const every = !parts.INTERVAL || parts.INTERVAL === '1' ? 'Every week' : `Every ${parts.INTERVAL} weeks`;
  return `${every}, ${parts.COUNT} times`;
}
