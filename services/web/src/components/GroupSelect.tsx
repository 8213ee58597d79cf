import type { Group } from '../api/api';
import { SelectField } from './forms';

/** Which of the person's groups something is posted in. */
export function GroupSelect({ myGroups, value, onChange, error }:
  { myGroups: Group[]; value: string; onChange(groupId: string): void; error?: string }) {
  return (
    <SelectField id="groupId" label="Group" value={value} error={error} required
      onChange={(e) => onChange(e.currentTarget.value)}>
      {myGroups.map((group) => <option key={group.id} value={group.id}>{group.name}</option>)}
    </SelectField>
  );
}
