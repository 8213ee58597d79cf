import { useState } from 'preact/hooks';
import { groups, preferences, type Channel, type Digest, type Group, type Preferences } from '../api/api';
import { ApiError } from '../api/problem';
import { FormError, SelectField, TextField, useSubmit } from '../components/forms';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';
import { channelLabels, parseLeadMinutes, typeLabel } from '../preferences';

const fields = ['channels', 'mutedGroups', 'digest', 'reminderLeadMinutes', 'quietStart', 'quietEnd', 'holdDuringSessions'];

function PreferencesForm({ stored, myGroups }: { stored: Preferences; myGroups: Group[] }) {
  const [channels, setChannels] = useState(stored.channels ?? {});
  const [muted, setMuted] = useState(new Set(stored.mutedGroups ?? []));
  const [digest, setDigest] = useState<Digest>(stored.digest ?? 'OFF');
  const [leads, setLeads] = useState((stored.reminderLeadMinutes ?? []).join(', '));
  const [quiet, setQuiet] = useState(Boolean(stored.quietStart));
  const [quietStart, setQuietStart] = useState(stored.quietStart ?? '22:00');
  const [quietEnd, setQuietEnd] = useState(stored.quietEnd ?? '07:00');
  const [hold, setHold] = useState(stored.holdDuringSessions !== false);
  const [saved, setSaved] = useState('');
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    setSaved('');
    const reminderLeadMinutes = parseLeadMinutes(leads);
    if (!reminderLeadMinutes) {
      throw new ApiError(400, 'Check the reminder times.', { reminderLeadMinutes: 'write whole minutes separated by commas, such as 60, 10' });
    }
    await preferences.save({
      channels,
      mutedGroups: [...muted],
      digest,
      reminderLeadMinutes,
      quietStart: quiet ? quietStart : undefined,
      quietEnd: quiet ? quietEnd : undefined,
      holdDuringSessions: hold,
    });
    setSaved('Your preferences are saved.');
  });
  const toggleMuted = (groupId: string, on: boolean) => {
    const next = new Set(muted);
    if (on) next.add(groupId);
    else next.delete(groupId);
    setMuted(next);
  };
  return (
    <form class="form preferences" onSubmit={submit} noValidate>
      <fieldset class="channels">
        <legend>How you hear about…</legend>
        {fieldError('channels') && <p class="field-error">{fieldError('channels')}</p>}
        {Object.keys(channels).map((type) => (
          <SelectField key={type} id={`channel-${type}`} label={typeLabel(type)} value={channels[type]}
            onChange={(e) => setChannels({ ...channels, [type]: e.currentTarget.value as Channel })}>
            {Object.entries(channelLabels).map(([channel, label]) => <option key={channel} value={channel}>{label}</option>)}
          </SelectField>
        ))}
      </fieldset>

      <SelectField id="digest" label="E-mails" value={digest} error={fieldError('digest')}
        hint="For the types set to e-mail."
        onChange={(e) => setDigest(e.currentTarget.value as Digest)}>
        <option value="OFF">One e-mail for each notification</option>
        <option value="DAILY">One daily digest of what is still unread</option>
      </SelectField>

      <TextField id="reminderLeadMinutes" label="Reminders before a session you go to (minutes)"
        hint="Up to 5 times, separated by commas: 60, 10 reminds you an hour and ten minutes before."
        value={leads} error={fieldError('reminderLeadMinutes')} onInput={(e) => setLeads(e.currentTarget.value)} />

      <fieldset>
        <legend>Quiet hours</legend>
        <p class="hint">In your time zone. Notifications still reach the inbox, but nothing is pushed or e-mailed.</p>
        <label class="check">
          <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.currentTarget.checked)} />
          Keep quiet hours
        </label>
        {quiet && (
          <div class="row">
            <TextField id="quietStart" label="Quiet from" type="time" value={quietStart} error={fieldError('quietStart')}
              onInput={(e) => setQuietStart(e.currentTarget.value)} />
            <TextField id="quietEnd" label="Quiet until" type="time" value={quietEnd} error={fieldError('quietEnd')}
              onInput={(e) => setQuietEnd(e.currentTarget.value)} />
          </div>
        )}
        <label class="check">
          <input type="checkbox" checked={hold} onChange={(e) => setHold(e.currentTarget.checked)} />
          Hold e-mail and push while I am in a session I go to
        </label>
        <p class="hint">Everything else that comes during the session waits, and reaches you after it as one catch-up.</p>
      </fieldset>

      <fieldset>
        <legend>Muted groups</legend>
        <p class="hint">Nothing from a muted group reaches you, not even the inbox.</p>
        {fieldError('mutedGroups') && <p class="field-error">{fieldError('mutedGroups')}</p>}
        {myGroups.length === 0 && <p class="empty">You are in no group yet.</p>}
        {myGroups.map((group) => (
          <label key={group.id} class="check">
            <input type="checkbox" checked={muted.has(group.id!)} onChange={(e) => toggleMuted(group.id!, e.currentTarget.checked)} />
            Mute {group.name}
          </label>
        ))}
      </fieldset>

      <FormError message={formMessage(fields)} />
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save preferences'}</button>
      <p role="status">{saved}</p>
    </form>
  );
}

function PreferencesLoader() {
  const { data, error } = useLoad(() => Promise.all([preferences.get(), groups.mine()]), []);
  if (error) return <ErrorMessage message={error} />;
  if (!data) return <Loading what="your preferences" />;
  return <PreferencesForm stored={data[0]} myGroups={data[1]} />;
}

export default function PreferencesPage() {
  return (
    <RequireLogin>
      <Page title="Notification preferences" actions={(
        <div class="actions">
          <a class="button secondary" href="/pairing-profile">Pairing profile</a>
          <a class="button secondary" href="/notifications">Inbox</a>
        </div>
      )}>
        <PreferencesLoader />
      </Page>
    </RequireLogin>
  );
}
