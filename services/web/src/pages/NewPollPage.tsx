import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { groups, polls } from '../api/api';
import { FormError, TextField, TimeZoneField, useSubmit } from '../components/forms';
import { MarkdownEditor } from '../components/MarkdownEditor';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';
import { addSlotRow, newPollBody, readableSlotMessage, type PollDraft, type SlotRow } from '../polls';
import { browserTimeZone, timeZones } from '../time';

const fields = ['title', 'description', 'timeZone', 'deadline', 'slots'];
/** The API takes 1 to 50 slots. */
const MOST_SLOTS = 50;

type ErrorOf = (field: string) => string | undefined;

interface SlotRowProps {
  row: SlotRow;
  index: number;
  removable: boolean;
  fieldError: ErrorOf;
  ownFieldError: ErrorOf;
  onChange(row: SlotRow): void;
  onRemove(): void;
}

function SlotRowFields({ row, index, removable, fieldError, ownFieldError, onChange, onRemove }: SlotRowProps) {
  const name = `Slot ${index + 1}`;
  const path = `slots[${index}]`;
  const error = (field: string) => {
    const message = fieldError(`${path}.${field}`);
    return message && readableSlotMessage(message);
  };
  const rowError = ownFieldError(path);
  return (
    <li class="slot-row">
      <TextField id={`slot-${row.key}-start`} label={`${name} starts (date and time)`} type="datetime-local" required
        value={row.start} error={error('startsAt')} onInput={(e) => onChange({ ...row, start: e.currentTarget.value })} />
      <TextField id={`slot-${row.key}-duration`} label={`${name} duration (minutes)`} type="number" inputMode="numeric"
        min={5} max={720} required value={row.duration} error={error('durationMinutes')}
        onInput={(e) => onChange({ ...row, duration: e.currentTarget.value })} />
      {removable && <button type="button" class="secondary" onClick={onRemove}>Remove {name.toLowerCase()}</button>}
      {rowError && <p class="field-error">{name} {readableSlotMessage(rowError)}</p>}
    </li>
  );
}

interface ProposedTimesProps {
  rows: SlotRow[];
  onChange(rows: SlotRow[]): void;
  fieldError: ErrorOf;
  ownFieldError: ErrorOf;
}

/** The candidate times, one row each; a new row takes the focus, and a removed one hands it to its neighbour. */
function ProposedTimes({ rows, onChange, fieldError, ownFieldError }: ProposedTimesProps) {
  const [focusKey, setFocusKey] = useState<number>();
  useEffect(() => {
    if (focusKey !== undefined) document.getElementById(`slot-${focusKey}-start`)?.focus();
  }, [focusKey]);
  const add = () => {
    const longer = addSlotRow(rows);
    onChange(longer);
    setFocusKey(longer[longer.length - 1].key);
  };
  const remove = (index: number) => {
    const shorter = rows.filter((_, i) => i !== index);
    onChange(shorter);
    setFocusKey(shorter[Math.min(index, shorter.length - 1)].key);
  };
  const listError = ownFieldError('slots');
  return (
    <fieldset aria-describedby={listError ? 'slots-error' : 'slots-hint'}>
      <legend>Proposed times</legend>
      <p id="slots-hint" class="hint">In the time zone above. Members answer yes, if need be or no to each.</p>
      <ol class="slot-rows">
        {rows.map((row, index) => (
          <SlotRowFields key={row.key} row={row} index={index} removable={rows.length > 1}
            fieldError={fieldError} ownFieldError={ownFieldError}
            onChange={(changed) => onChange(rows.map((r) => (r.key === changed.key ? changed : r)))}
            onRemove={() => remove(index)} />
        ))}
      </ol>
      {listError && <p id="slots-error" class="field-error">{listError}</p>}
      <button type="button" class="secondary" disabled={rows.length >= MOST_SLOTS} onClick={add}>Add a slot</button>
    </fieldset>
  );
}

function ProposeForm({ groupId }: { groupId: string }) {
  const { route } = useLocation();
  const zones = useMemo(timeZones, []);
  const [draft, setDraft] = useState<PollDraft>({ title: '', description: '', timeZone: browserTimeZone(), deadline: '' });
  const [rows, setRows] = useState<SlotRow[]>(() => addSlotRow(addSlotRow([])));
  const change = (fields: Partial<PollDraft>) => setDraft((current) => ({ ...current, ...fields }));
  const { submit, busy, fieldError, ownFieldError, formMessage } = useSubmit(async () => {
    const poll = await polls.open(groupId, newPollBody(draft, rows));
    route(`/polls/${poll.id}`);
  });
  return (
    <form class="card form" onSubmit={submit} noValidate>
      <TextField id="title" label="Title" required value={draft.title} error={fieldError('title')}
        onInput={(e) => change({ title: e.currentTarget.value })} />
      <MarkdownEditor id="description" label="Description (optional)" rows={4} value={draft.description}
        error={fieldError('description')} onInput={(description) => change({ description })} />
      <TimeZoneField id="timeZone" label="Time zone of the times" value={draft.timeZone} zones={zones}
        onChange={(timeZone) => change({ timeZone })} error={fieldError('timeZone')} />
      <ProposedTimes rows={rows} onChange={setRows} fieldError={fieldError} ownFieldError={ownFieldError} />
      <TextField id="deadline" label="Answers wanted by (date and time)" type="datetime-local" required
        hint="In the same time zone; no later than the last proposed time. Members who have not answered are reminded once before."
        value={draft.deadline} error={fieldError('deadline')} onInput={(e) => change({ deadline: e.currentTarget.value })} />
      <FormError message={formMessage(fields)} />
      <button type="submit" disabled={busy}>{busy ? 'Sending…' : 'Send the poll'}</button>
    </form>
  );
}

function NewPoll({ groupId }: { groupId: string }) {
  const { data: group, error } = useLoad(() => groups.get(groupId), [groupId]);
  if (error) return <Page title="Propose times"><ErrorMessage message={error} /></Page>;
  if (!group) return <Loading what="the group" />;
  return (
    <Page title="Propose times">
      <p>In <a href={`/groups/${group.id}`}>{group.name}</a>. Members are asked which times suit them; you then set the time.</p>
      <ProposeForm groupId={groupId} />
    </Page>
  );
}

export default function NewPollPage() {
  const { params } = useRoute();
  return <RequireLogin><NewPoll groupId={params.groupId} /></RequireLogin>;
}
