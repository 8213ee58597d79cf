import { useMemo, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { auth } from '../api/api';
import { useAuth } from '../auth';
import { FormError, TextField, TimeZoneField, useSubmit } from '../components/forms';
import { Page } from '../components/page';
import { browserTimeZone, timeZones } from '../time';
import { safeNext } from '../next';

export default function SignupPage() {
  const { query, route } = useLocation();
  const { signedIn } = useAuth();
  const zones = useMemo(timeZones, []);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    signedIn(await auth.register({ email, password, displayName, timeZone }));
    route(safeNext(query.next));
  });
  return (
    <Page title="Sign up">
      <form class="card form" onSubmit={submit} noValidate>
        <TextField id="displayName" label="Display name" autocomplete="nickname" required value={displayName}
          error={fieldError('displayName')} onInput={(e) => setDisplayName(e.currentTarget.value)} />
        <TextField id="email" label="E-mail" type="email" autocomplete="email" required value={email}
          error={fieldError('email')} onInput={(e) => setEmail(e.currentTarget.value)} />
        <TextField id="password" label="Password" type="password" autocomplete="new-password" required value={password}
          hint="10 to 72 characters." error={fieldError('password')} onInput={(e) => setPassword(e.currentTarget.value)} />
        <TimeZoneField id="timeZone" label="Time zone" value={timeZone} onChange={setTimeZone} zones={zones}
          error={fieldError('timeZone')} />
        <FormError message={formMessage(['displayName', 'email', 'password', 'timeZone'])} />
        <button type="submit" disabled={busy}>{busy ? 'Creating your account…' : 'Create account'}</button>
      </form>
      <p>Already have an account? <a href={query.next ? `/login?next=${encodeURIComponent(query.next)}` : '/login'}>Log in</a></p>
    </Page>
  );
}
