import { useMemo, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { groups, type NewGroup } from '../api/api';
import { FormError, TextArea, TextField, TimeZoneField, useSubmit } from '../components/forms';
import { Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { browserTimeZone, timeZones } from '../time';

function NewGroupForm() {
  const { route } = useLocation();
  const zones = useMemo(timeZones, []);
  const [group, setGroup] = useState<NewGroup>({ name: '', description: '', visibility: 'PUBLIC', timeZone: browserTimeZone() });
  const change = (fields: Partial<NewGroup>) => setGroup((current) => ({ ...current, ...fields }));
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    const created = await groups.create(group);
    route(`/groups/${created.id}`);
  });
  return (
    <form class="card form" onSubmit={submit} noValidate>
      <TextField id="name" label="Name" required value={group.name} error={fieldError('name')}
        onInput={(e) => change({ name: e.currentTarget.value })} />
      <TextArea id="description" label="Description (optional)" rows={3} value={group.description}
        error={fieldError('description')} onInput={(e) => change({ description: e.currentTarget.value })} />
      <fieldset aria-describedby={fieldError('visibility') ? 'visibility-error' : undefined}>
        <legend>Who can see it</legend>
        <label class="check">
          <input type="radio" name="visibility" value="PUBLIC" checked={group.visibility === 'PUBLIC'}
            onChange={() => change({ visibility: 'PUBLIC' })} />
          Public: anyone can find and join it
        </label>
        <label class="check">
          <input type="radio" name="visibility" value="PRIVATE" checked={group.visibility === 'PRIVATE'}
            onChange={() => change({ visibility: 'PRIVATE' })} />
          Private: only people with an invite link can join
        </label>
        {fieldError('visibility') && <p id="visibility-error" class="field-error">{fieldError('visibility')}</p>}
      </fieldset>
      <TimeZoneField id="timeZone" label="Time zone of the group" value={group.timeZone!} zones={zones}
        onChange={(timeZone) => change({ timeZone })} error={fieldError('timeZone')} />
      <FormError message={formMessage(['name', 'description', 'visibility', 'timeZone'])} />
      <button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create group'}</button>
    </form>
  );
}

export default function NewGroupPage() {
  return (
    <RequireLogin>
      <Page title="Create a group"><NewGroupForm /></Page>
    </RequireLogin>
  );
}
