import { useEffect, useState } from 'preact/hooks';
import { pairingProfile, type FreeTime, type PairingProfile, type Weekday } from '../api/api';
import { ApiError } from '../api/problem';
import { FormError, SelectField, TextField, useSubmit } from '../components/forms';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';
import { freeTimeErrors, hourLabel, levels, nextFreeTime, parseLanguages, weekdays } from '../pairing';

const fields = ['languages', 'level', 'free'];
/** The API takes up to 168 free times (every hour of a week); a person writes a handful. */
const MOST_FREE_TIMES = 28;
const startHours = Array.from({ length: 24 }, (_, hour) => hour);
const endHours = Array.from({ length: 24 }, (_, hour) => hour + 1);

type ErrorOf = (field: string) => string | undefined;

interface FreeTimeRowProps {
  time: FreeTime;
  index: number;
  fieldError: ErrorOf;
  ownFieldError: ErrorOf;
  onChange(time: FreeTime): void;
  onRemove(): void;
}

function FreeTimeRow({ time, index, fieldError, ownFieldError, onChange, onRemove }: FreeTimeRowProps) {
  const name = `Free time ${index + 1}`;
  const path = `free[${index}]`;
  const id = `free-${index}`;
  const rowError = ownFieldError(path);
  return (
    <li>
      <fieldset class="slot-row" aria-describedby={rowError ? `${id}-error` : undefined}>
        <legend>{name}</legend>
        <SelectField id={`${id}-day`} label="Day" value={time.day} error={fieldError(`${path}.day`)}
          onChange={(e) => onChange({ ...time, day: e.currentTarget.value as Weekday })}>
          {weekdays.map(({ day, label }) => <option key={day} value={day}>{label}</option>)}
        </SelectField>
        <SelectField id={`${id}-from`} label="From" value={String(time.fromHour)} error={fieldError(`${path}.fromHour`)}
          onChange={(e) => onChange({ ...time, fromHour: Number(e.currentTarget.value) })}>
          {startHours.map((hour) => <option key={hour} value={hour}>{hourLabel(hour)}</option>)}
        </SelectField>
        <SelectField id={`${id}-to`} label="Until" value={String(time.toHour)} error={fieldError(`${path}.toHour`)}
          onChange={(e) => onChange({ ...time, toHour: Number(e.currentTarget.value) })}>
          {endHours.map((hour) => <option key={hour} value={hour}>{hourLabel(hour)}</option>)}
        </SelectField>
        <button type="button" class="secondary" onClick={onRemove}>Remove free time {index + 1}</button>
        {rowError && <p id={`${id}-error`} class="field-error">{rowError}</p>}
      </fieldset>
    </li>
  );
}

interface FreeTimesProps {
  free: FreeTime[];
  timeZone: string;
  fieldError: ErrorOf;
  ownFieldError: ErrorOf;
  onChange(free: FreeTime[]): void;
}

/** The hours a person is usually free, one row per stretch of a day; a new row takes the focus. */
function FreeTimes({ free, timeZone, fieldError, ownFieldError, onChange }: FreeTimesProps) {
  const [focus, setFocus] = useState<number>();
  useEffect(() => {
    if (focus !== undefined) document.getElementById(`free-${focus}-day`)?.focus();
  }, [focus]);
  const listError = ownFieldError('free');
  return (
    <fieldset aria-describedby={listError ? 'free-hint free-error' : 'free-hint'}>
      <legend>When you are usually free</legend>
      <p id="free-hint" class="hint">
        In your time zone ({timeZone.replace(/_/g, ' ')}). Pairs are proposed among people free at the same hours.
      </p>
      {free.length === 0 && <p class="empty">No free hours given: you are paired by language and level only.</p>}
      <ol class="slot-rows">
        {free.map((time, index) => (
          // Rows are keyed by position: the API's errors name positions too (`free[1].toHour`).
          <FreeTimeRow key={index} time={time} index={index} fieldError={fieldError} ownFieldError={ownFieldError}
            onChange={(changed) => onChange(free.map((t, i) => (i === index ? changed : t)))}
            onRemove={() => {
              onChange(free.filter((_, i) => i !== index));
              setFocus(undefined);
            }} />
        ))}
      </ol>
      {listError && <p id="free-error" class="field-error">{listError}</p>}
      <button type="button" class="secondary" disabled={free.length >= MOST_FREE_TIMES}
        onClick={() => {
          onChange([...free, nextFreeTime(free)]);
          setFocus(free.length);
        }}>Add free time</button>
    </fieldset>
  );
}

function ProfileForm({ stored }: { stored: PairingProfile }) {
  const [languages, setLanguages] = useState((stored.languages ?? []).join(', '));
  const [level, setLevel] = useState(stored.level ?? 3);
  const [free, setFree] = useState<FreeTime[]>(stored.free ?? []);
  const [timeZone, setTimeZone] = useState(stored.timeZone ?? 'UTC');
  const [saved, setSaved] = useState('');
  const { submit, busy, fieldError, ownFieldError, formMessage } = useSubmit(async () => {
    setSaved('');
    const errors = freeTimeErrors(free);
    if (Object.keys(errors).length > 0) throw new ApiError(400, 'Check the free hours.', errors);
    const profile = await pairingProfile.save({ languages: parseLanguages(languages), level, free });
    // The API answers what it stored: languages in lower case and sorted, free hours merged per day.
    setLanguages((profile.languages ?? []).join(', '));
    setLevel(profile.level ?? level);
    setFree(profile.free ?? []);
    setTimeZone(profile.timeZone ?? timeZone);
    setSaved('Saved.');
  });
  return (
    <form class="card form preferences" onSubmit={submit} noValidate>
      <TextField id="languages" label="Languages" required value={languages} error={fieldError('languages')}
        hint="Up to 10, separated by commas, such as TypeScript, Rust, C#."
        onInput={(e) => setLanguages(e.currentTarget.value)} />
      <SelectField id="level" label="Level" value={String(level)} error={fieldError('level')}
        hint="How sure of yourself you are in them; pairs mix levels."
        onChange={(e) => setLevel(Number(e.currentTarget.value))}>
        {levels.map(({ level: value, label }) => <option key={value} value={value}>{label}</option>)}
      </SelectField>
      <FreeTimes free={free} timeZone={timeZone} fieldError={fieldError} ownFieldError={ownFieldError} onChange={setFree} />
      <FormError message={formMessage(fields)} />
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save profile'}</button>
      <p role="status">{saved}</p>
    </form>
  );
}

function ProfileLoader() {
  const { data, error } = useLoad(() => pairingProfile.get(), []);
  if (error) return <ErrorMessage message={error} />;
  if (!data) return <Loading what="your pairing profile" />;
  return <ProfileForm stored={data} />;
}

export default function PairingProfilePage() {
  return (
    <RequireLogin>
      <Page title="Pairing profile">
        <p>When a session is run in pairs, its pairs are proposed from the profiles of the members going:
          a language in common, levels that suit each other, free hours that overlap.</p>
        <ProfileLoader />
      </Page>
    </RequireLogin>
  );
}
