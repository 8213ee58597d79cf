import { useMemo, useState } from 'preact/hooks';
import { codingSessions, type Session } from '../api/api';
import { ApiError } from '../api/problem';
import { timeZones, wallClockToOffsetDateTime } from '../time';
import { FormError, TextField, TimeZoneField, useSubmit } from './forms';

interface Props {
  session: Session;
  onChanged(): void;
}

/** `2026-12-14T18:00:00+01:00` → `2026-12-14T18:00`: the wall-clock time a `datetime-local` input takes. */
const wallClock = (offsetDateTime: string) => offsetDateTime.slice(0, 16);

function RescheduleForm({ session, onChanged }: Props) {
  const zones = useMemo(timeZones, []);
  const [start, setStart] = useState(wallClock(session.startsAt!));
  const [timeZone, setTimeZone] = useState(session.timeZone!);
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    if (!start) throw new ApiError(400, 'Choose when the session starts.', { startsAt: 'choose a date and time' });
    await codingSessions.reschedule(session, { startsAt: wallClockToOffsetDateTime(start, timeZone), timeZone });
    onChanged();
  });
  const what = session.recurrence ? 'series' : 'session';
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="reschedule-heading">
      <h3 id="reschedule-heading">Reschedule the {what}</h3>
      {session.recurrence && <p class="hint">Every date moves with the first one; dates cancelled or moved one by one are reset.</p>}
      <TextField id="reschedule-start" label={session.recurrence ? 'New first start' : 'New start'} type="datetime-local"
        required value={start} error={fieldError('startsAt')} onInput={(e) => setStart(e.currentTarget.value)} />
      <TimeZoneField id="reschedule-zone" label="Time zone of the start" value={timeZone} zones={zones}
        onChange={setTimeZone} error={fieldError('timeZone')} />
      <FormError message={formMessage(['startsAt', 'timeZone'])} />
      <button type="submit" disabled={busy}>{busy ? 'Rescheduling…' : `Reschedule the ${what}`}</button>
    </form>
  );
}

function CancelForm({ session, onChanged }: Props) {
  const [reason, setReason] = useState('');
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    await codingSessions.cancel(session.id!, reason);
    onChanged();
  });
  const what = session.recurrence ? 'whole series' : 'session';
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="cancel-heading">
      <h3 id="cancel-heading">Cancel the {what}</h3>
      <p class="hint">Members are notified. A cancelled session cannot be scheduled again.</p>
      <TextField id="cancel-reason" label="Reason (optional)" value={reason} maxLength={1000} error={fieldError('reason')}
        onInput={(e) => setReason(e.currentTarget.value)} />
      <FormError message={formMessage(['reason'])} />
      <button type="submit" class="danger" disabled={busy}>{busy ? 'Cancelling…' : `Cancel the ${what}`}</button>
    </form>
  );
}

/** What the group's owner and organizers may change about a session. */
export function ManageSession({ session, onChanged }: Props) {
  return (
    <section aria-labelledby="manage-heading">
      <h2 id="manage-heading">Manage</h2>
      <div class="manage">
        <RescheduleForm session={session} onChanged={onChanged} />
        <CancelForm session={session} onChanged={onChanged} />
      </div>
    </section>
  );
}
