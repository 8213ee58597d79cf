import { useState } from 'preact/hooks';
import { codingSessions, pairAndMob, type FormatKind, type Occurrence, type Pairs, type Rotation, type Session, type SessionFormat } from '../api/api';
import { ApiError, messageOf } from '../api/problem';
import { moveToGroup, pairIds } from '../pairing';
import { formatClockRange, formatDateTime } from '../time';
import { FormError, SelectField, TextField, useSubmit } from './forms';
import { ErrorMessage, Loading } from './page';
import { useLoad } from './useLoad';

interface Props {
  session: Session;
  /** The viewer's zone, which every time is shown in. */
  zone: string;
  /** Owner or organizer of the session's group. */
  canManage: boolean;
}

const formatChoices: { value: FormatKind | ''; label: string }[] = [
  { value: '', label: 'Neither: an ordinary session' },
  { value: 'PAIR', label: 'In pairs' },
  { value: 'MOB', label: 'As a mob, one driver at a time' },
];

function describeFormat(format: SessionFormat): string {
  if (format.format === 'PAIR') return 'This session is run in pairs (a trio when the count is odd).';
  if (format.format === 'MOB') return `This session is run as a mob: the driver changes every ${format.rotationMinutes} minutes.`;
  return 'This session is run neither in pairs nor as a mob.';
}

function FormatForm({ session, format, onSaved }: { session: Session; format: SessionFormat; onSaved(format: SessionFormat): void }) {
  const [kind, setKind] = useState<FormatKind | ''>(format.format ?? '');
  const [minutes, setMinutes] = useState(String(format.rotationMinutes ?? 10));
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    if (kind === 'MOB' && !/^\d+$/.test(minutes.trim())) {
      throw new ApiError(400, 'Check the driver turn.', { rotationMinutes: 'write a whole number of minutes, 5 to 60' });
    }
    onSaved(await pairAndMob.setFormat(session.id!, {
      format: kind || undefined,
      rotationMinutes: kind === 'MOB' ? Number(minutes) : undefined,
    }));
  });
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="format-heading">
      <h3 id="format-heading">How the session is run</h3>
      <fieldset>
        <legend>Format</legend>
        {formatChoices.map(({ value, label }) => (
          <label key={value} class="check">
            <input type="radio" name="format" value={value} checked={kind === value} onChange={() => setKind(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      {kind === 'MOB' && (
        <TextField id="rotation-minutes" label="Driver turn (minutes)" type="number" inputMode="numeric" min={5} max={60}
          hint="5 to 60." value={minutes} error={fieldError('rotationMinutes')} onInput={(e) => setMinutes(e.currentTarget.value)} />
      )}
      <FormError message={formMessage(['rotationMinutes'])} />
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save format'}</button>
    </form>
  );
}

/** The occurrence the pairs or the rotation are for: a series' coming dates, or the single session's one. */
function useOccurrences(session: Session) {
  return useLoad(async (): Promise<string[]> => {
    if (!session.recurrence) return [session.startsAt!];
    return (await codingSessions.upcoming(session)).map((occurrence: Occurrence) => occurrence.startsAt!);
  }, [session.id, session.version]);
}

function PairsOf({ session, start, zone, canManage }: Props & { start: string }) {
  const { data: loaded, error: loadError } = useLoad(() => pairAndMob.pairs(session.id!, start), [session.id, start]);
  const [edited, setEdited] = useState<string[][]>();
  const [saved, setSaved] = useState<Pairs>();
  // The groups last sent: the API's errors name positions in them, so they show only while those stay.
  const [sent, setSent] = useState<string>();
  const pairs = saved ?? loaded;
  const groups = edited ?? (pairs ? pairIds(pairs) : []);
  const names = new Map((pairs?.groups ?? []).flat().map((member) => [member.userId!, member.displayName!]));
  const nameOf = (id: string) => names.get(id) ?? 'Someone';
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    setSent(JSON.stringify(groups));
    setSaved(await pairAndMob.setPairs(session.id!, start, groups));
    setEdited(undefined);
  });
  const errorOf = (index: number) => (sent === JSON.stringify(groups) ? fieldError(`groups[${index}]`) : undefined);
  const when = formatDateTime(start, zone);
  if (loadError) return <ErrorMessage message={loadError} />;
  if (!pairs) return <Loading what="the pairs" />;
  if (groups.length === 0) return <p class="empty">Nobody is going to the session on {when} yet: there is nobody to pair.</p>;
  const state = edited ? 'Changed, not set yet.' : pairs.set ? 'Set by an organizer.' : 'Proposed: not set yet.';
  return (
    <form onSubmit={submit} noValidate>
      <p class="meta">{state}</p>
      <ol class="members" aria-label={`Pairs on ${when}`}>
        {groups.map((group, index) => (
          <li key={group.join()} class="member">
            <strong>{group.length === 3 ? 'Trio' : 'Pair'} {index + 1}: {group.map(nameOf).join(', ')}</strong>
            {canManage && (
              <div class="row">
                {group.map((id) => (
                  <SelectField key={id} id={`pair-of-${id}`} label={`Pair for ${nameOf(id)}`} value={String(index)}
                    onChange={(e) => setEdited(moveToGroup(groups, id, Number(e.currentTarget.value)))}>
                    {groups.map((_, target) => <option key={target} value={target}>Pair {target + 1}</option>)}
                    <option value={groups.length}>A new pair</option>
                  </SelectField>
                ))}
              </div>
            )}
            {errorOf(index) && <p class="field-error">{errorOf(index)}</p>}
          </li>
        ))}
      </ol>
      {canManage && (
        <>
          <FormError message={formMessage(groups.map((_, index) => `groups[${index}]`))} />
          <div class="actions">
            <button type="submit" disabled={busy}>{busy ? 'Setting…' : pairs.set && !edited ? 'Set these pairs again' : 'Set these pairs'}</button>
            {edited && <button type="button" class="secondary" onClick={() => setEdited(undefined)}>Undo changes</button>}
          </div>
        </>
      )}
    </form>
  );
}

function RotationOf({ session, start, zone, canManage }: Props & { start: string }) {
  const { data: loaded, error: loadError } = useLoad(() => pairAndMob.rotation(session.id!, start), [session.id, start]);
  const [published, setPublished] = useState<Rotation>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rotation = published ?? loaded;
  const when = formatDateTime(start, zone);
  const publish = async () => {
    setError(undefined);
    setBusy(true);
    try {
      setPublished(await pairAndMob.publishRotation(session.id!, start));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  if (loadError) return <ErrorMessage message={loadError} />;
  if (!rotation) return <Loading what="the rotation" />;
  const turns = rotation.turns ?? [];
  return (
    <div>
      <p class="meta">{rotation.published
        ? 'Published: each driver is notified at their turn.'
        : 'Not published yet: these are the turns publishing would make now.'}</p>
      {turns.length === 0
        ? <p class="empty">Nobody is going to the session on {when} yet: there is nobody to drive.</p>
        : (
          <ol class="occurrences" aria-label={`Driver turns on ${when}`}>
            {turns.map((turn) => (
              <li key={turn.at}><span class="when">{formatClockRange(turn.at!, turn.until!, zone)}</span> {turn.displayName}</li>
            ))}
          </ol>
        )}
      {canManage && (
        <p>
          <button type="button" disabled={busy} onClick={publish}>
            {busy ? 'Publishing…' : rotation.published ? 'Publish the rotation again' : 'Publish the rotation'}
          </button>
        </p>
      )}
      {error && <ErrorMessage message={error} />}
    </div>
  );
}

function OccurrencePlan({ session, zone, canManage, format }: Props & { format: FormatKind }) {
  const { data: starts, error } = useOccurrences(session);
  const [chosen, setChosen] = useState<string>();
  if (error) return <ErrorMessage message={error} />;
  if (!starts) return <Loading what="the dates" />;
  if (starts.length === 0) return <p class="empty">No dates left to plan.</p>;
  const start = chosen && starts.includes(chosen) ? chosen : starts[0];
  return (
    <>
      <h3>{format === 'PAIR' ? 'Pairs' : 'Driver rotation'}</h3>
      {starts.length > 1 && (
        <SelectField id="plan-date" label="Date" value={start} onChange={(e) => setChosen(e.currentTarget.value)}>
          {starts.map((s) => <option key={s} value={s}>{formatDateTime(s, zone)}</option>)}
        </SelectField>
      )}
      {starts.length === 1 && <p>On {formatDateTime(start, zone)}</p>}
      {format === 'PAIR'
        ? <PairsOf key={start} session={session} start={start} zone={zone} canManage={canManage} />
        : <RotationOf key={start} session={session} start={start} zone={zone} canManage={canManage} />}
    </>
  );
}

/** Whether the session is run in pairs or as a mob, and the pairs or the driver turns of a date. */
export function PairsAndMob({ session, zone, canManage }: Props) {
  const { data: loaded, error } = useLoad(() => pairAndMob.format(session.id!), [session.id]);
  const [saved, setSaved] = useState<SessionFormat>();
  const format = saved ?? loaded;
  return (
    <section class="pairs-mob" aria-labelledby="pairs-heading">
      <h2 id="pairs-heading">Pairs / mob</h2>
      {error && <ErrorMessage message={error} />}
      {!format && !error && <Loading what="how the session is run" />}
      {format && (
        <>
          <p role="status">{describeFormat(format)}</p>
          {format.format === 'PAIR' && (
            <p class="hint">Pairs are proposed from the <a href="/pairing-profile">pairing profiles</a> of the members going.</p>
          )}
          {format.format && (
            <OccurrencePlan key={`${format.format}-${format.rotationMinutes}`} session={session} zone={zone}
              canManage={canManage} format={format.format} />
          )}
          {canManage && <FormatForm session={session} format={format} onSaved={setSaved} />}
        </>
      )}
    </section>
  );
}
