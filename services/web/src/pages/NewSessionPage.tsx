import { useMemo, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { groups } from '../api/api';
import { ApiError } from '../api/problem';
import { FormError, TextField, TimeZoneField, useSubmit } from '../components/forms';
import { MarkdownEditor } from '../components/MarkdownEditor';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RepeatFields } from '../components/RepeatFields';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';
import { doesNotRepeat, ruleOf } from '../recurrence';
import { browserTimeZone, timeZones, wallClockToOffsetDateTime } from '../time';

const fields = ['title', 'description', 'startsAt', 'timeZone', 'durationMinutes', 'capacity', 'meetingUrl', 'recurrence'];

function ScheduleForm({ groupId }: { groupId: string }) {
  const { route } = useLocation();
  const zones = useMemo(timeZones, []);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [start, setStart] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [duration, setDuration] = useState('60');
  const [capacity, setCapacity] = useState('');
  const [meetingUrl, setMeetingUrl] = useState('');
  const [repeat, setRepeat] = useState(doesNotRepeat);
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    if (!start) throw new ApiError(400, 'Choose when the session starts.', { startsAt: 'choose a date and time' });
    const session = await groups.schedule(groupId, {
      title,
      description,
      startsAt: wallClockToOffsetDateTime(start, timeZone),
      timeZone,
      durationMinutes: Number(duration),
      capacity: capacity ? Number(capacity) : undefined,
      meetingUrl: meetingUrl || undefined,
      recurrence: ruleOf(repeat),
    });
    route(`/sessions/${session.id}`);
  });
  return (
    <form class="card form" onSubmit={submit} noValidate>
      <TextField id="title" label="Title" required value={title} error={fieldError('title')}
        onInput={(e) => setTitle(e.currentTarget.value)} />
      <MarkdownEditor id="description" label="Description (optional)" rows={4} value={description}
        error={fieldError('description')} onInput={setDescription} />
      <TextField id="startsAt" label="Starts (date and time)" type="datetime-local" required value={start}
        error={fieldError('startsAt')} onInput={(e) => setStart(e.currentTarget.value)} />
      <TimeZoneField id="timeZone" label="Time zone of the start" value={timeZone} zones={zones}
        onChange={setTimeZone} error={fieldError('timeZone')} />
      <TextField id="durationMinutes" label="Duration (minutes)" type="number" inputMode="numeric" min={5} max={720} required
        value={duration} error={fieldError('durationMinutes')} onInput={(e) => setDuration(e.currentTarget.value)} />
      <TextField id="capacity" label="Places (optional)" hint="Leave empty for no limit; others join a waiting list."
        type="number" inputMode="numeric" min={1} max={1000} value={capacity} error={fieldError('capacity')}
        onInput={(e) => setCapacity(e.currentTarget.value)} />
      <TextField id="meetingUrl" label="Meeting link (optional)" type="url" placeholder="https://" value={meetingUrl}
        error={fieldError('meetingUrl')} onInput={(e) => setMeetingUrl(e.currentTarget.value)} />
      <RepeatFields value={repeat} onChange={setRepeat} error={fieldError('recurrence')} />
      <FormError message={formMessage(fields)} />
      <button type="submit" disabled={busy}>{busy ? 'Scheduling…' : 'Schedule session'}</button>
    </form>
  );
}

function NewSession({ groupId }: { groupId: string }) {
  const { data: group, error } = useLoad(() => groups.get(groupId), [groupId]);
  if (error) return <Page title="Schedule a session"><ErrorMessage message={error} /></Page>;
  if (!group) return <Loading what="the group" />;
  return (
    <Page title="Schedule a session">
      <p>In <a href={`/groups/${group.id}`}>{group.name}</a>. Members are notified.</p>
      <ScheduleForm groupId={groupId} />
    </Page>
  );
}

export default function NewSessionPage() {
  const { params } = useRoute();
  return <RequireLogin><NewSession groupId={params.groupId} /></RequireLogin>;
}
