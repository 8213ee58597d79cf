import type { Repeat, RepeatChoice } from '../recurrence';
import { SelectField, TextField } from './forms';

interface Props {
  value: RepeatChoice;
  onChange(value: RepeatChoice): void;
  /** The API's error about `recurrence`: under the rule when one is typed, under the choice otherwise. */
  error?: string;
}

/** Repeat weekly, every two weeks or by a custom RRULE (checked by the API), as when scheduling a session. */
export function RepeatFields({ value, onChange, error }: Props) {
  const change = (fields: Partial<RepeatChoice>) => onChange({ ...value, ...fields });
  return (
    <>
      <SelectField id="repeat" label="Repeat" value={value.repeat} error={value.repeat === 'CUSTOM' ? undefined : error}
        onChange={(e) => change({ repeat: e.currentTarget.value as Repeat })}>
        <option value="NONE">Does not repeat</option>
        <option value="WEEKLY">Every week</option>
        <option value="BIWEEKLY">Every two weeks</option>
        <option value="CUSTOM">Custom rule (RRULE)</option>
      </SelectField>
      {value.repeat === 'CUSTOM' && (
        <TextField id="recurrence" label="Rule (RRULE)" required value={value.rule} error={error}
          hint="RFC 5545, e.g. FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10. It must end: COUNT (at most 200) or UNTIL (within a year)."
          placeholder="FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10" onInput={(e) => change({ rule: e.currentTarget.value })} />
      )}
      {(value.repeat === 'WEEKLY' || value.repeat === 'BIWEEKLY') && (
        <TextField id="count" label="Number of sessions" type="number" inputMode="numeric" min={2} max={52}
          value={value.count} onInput={(e) => change({ count: e.currentTarget.value })} />
      )}
    </>
  );
}
