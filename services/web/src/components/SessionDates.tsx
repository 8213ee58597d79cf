import { useState } from 'preact/hooks';
import { codingSessions, type Occurrence, type Session } from '../api/api';
import { ApiError, messageOf } from '../api/problem';
import { formatDateTime, wallClockToOffsetDateTime } from '../time';
import { FormError, TextField, useSubmit } from './forms';
import { ErrorMessage, Loading } from './page';
import { useLoad } from './useLoad';

interface DateProps {
  session: Session;
  occurrence: Occurrence;
  zone: string;
  canManage: boolean;
  onChanged(): void;
}

function MoveForm({ session, occurrence, zone, onChanged }: Omit<DateProps, 'canManage'>) {
  const [start, setStart] = useState('');
  const id = `move-${Date.parse(occurrence.startsAt!)}`;
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    if (!start) throw new ApiError(400, 'Choose the new date and time.', { startsAt: 'choose a date and time' });
    await codingSessions.moveOccurrence(session.id!, occurrence.startsAt!, wallClockToOffsetDateTime(start, zone));
    onChanged();
  });
  return (
    <form class="row" onSubmit={submit} noValidate>
      <TextField id={id} label={`New start (your time, ${zone.replace(/_/g, ' ')})`} type="datetime-local" required
        value={start} error={fieldError('startsAt')} onInput={(e) => setStart(e.currentTarget.value)} />
      <button type="submit" disabled={busy}>Move</button>
      <FormError message={formMessage(['startsAt'])} />
    </form>
  );
}

function SessionDate({ session, occurrence, zone, canManage, onChanged }: DateProps) {
  const when = formatDateTime(occurrence.startsAt!, zone);
  const [moving, setMoving] = useState(false);
  const [error, setError] = useState<string>();
  const cancel = async () => {
    setError(undefined);
    try {
      await codingSessions.cancelOccurrence(session.id!, occurrence.startsAt!);
      onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <li class="session-date">
      <span>{when}</span>
      {canManage && (
        <span class="member-actions">
          <button type="button" class="secondary" aria-label={`Cancel the session on ${when}`} onClick={cancel}>Cancel this date</button>
          <button type="button" class="secondary" aria-expanded={moving} aria-label={`Move the session on ${when}`}
            onClick={() => setMoving(!moving)}>Move…</button>
        </span>
      )}
      {moving && <MoveForm session={session} occurrence={occurrence} zone={zone} onChanged={onChanged} />}
      {error && <ErrorMessage message={error} />}
    </li>
  );
}

/** The coming dates of a series; organizers cancel or move one of them. */
export function SessionDates({ session, zone, canManage, onChanged }: Omit<DateProps, 'occurrence'>) {
  // A change raises the session's version, so the dates load again once the page has the new one.
  const { data, error } = useLoad(() => codingSessions.upcoming(session), [session.id, session.version]);
  return (
    <section aria-labelledby="dates-heading">
      <h2 id="dates-heading">Coming dates</h2>
      {error && <ErrorMessage message={error} />}
      {!data && !error && <Loading what="the dates" />}
      {data?.length === 0 && <p class="empty">No dates left: the series is over or every date was cancelled.</p>}
      {data && data.length > 0 && (
        <ul class="members" aria-label="Coming dates">
          {data.map((occurrence) => (
            <SessionDate key={occurrence.startsAt} session={session} occurrence={occurrence} zone={zone}
              canManage={canManage} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}
